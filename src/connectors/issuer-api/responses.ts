/** The JSON an issuer answers, as far as the hub relies on it. Extra fields pass through. */
import { z } from 'zod';
import { sourceRecord } from '../http/response';

export const credentialListPage = z.object({
  data: z.array(sourceRecord),
  next_page_token: z.string().nullish(),
  total: z.number().int().min(0).optional(),
});
export type CredentialListPage = z.infer<typeof credentialListPage>;
