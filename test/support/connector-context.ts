import { createLogger } from '../../src/logger';
import type { AuthType, ConnectorContext, Secrets } from '../../src/connectors/types';

export interface ContextInput<Config> {
  config: Config;
  authType?: AuthType;
  secrets?: Secrets;
  sourceEntity?: string;
  signal?: AbortSignal;
}

/** What the connector service hands a kind, with a silent logger. */
export function connectorContext<Config>(input: ContextInput<Config>): ConnectorContext<Config> {
  return {
    config: input.config,
    authType: input.authType ?? 'NONE',
    secrets: input.secrets ?? {},
    sourceEntity: input.sourceEntity ?? 'TEST',
    signal: input.signal ?? new AbortController().signal,
    logger: createLogger({ level: 'silent' }),
  };
}

/** The error a promise rejects with, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject');
}
