import { createContext, useContext } from 'react';
import type { Role } from './lib/roles';

export interface Session {
  role: Role;
  name: string;
  signOut(): void;
}

export const SessionContext = createContext<Session>({ role: 'VIEWER', name: '', signOut() {} });

export function useSession(): Session {
  return useContext(SessionContext);
}
