/**
 * Credential schemas shared by the kinds, one per auth type. Strict, so a
 * misspelled key is an error instead of a secret silently ignored.
 */
import { z } from 'zod';
import type { AuthType, Secrets } from './types';

const secret = z.string().min(1);

/** NONE and IP_WHITELIST: the source trusts the hub's address, nothing to store. */
export const noCredentials = z.object({}).strict();

export const apiKeyCredentials = z.object({ apiKey: secret }).strict();

export const basicCredentials = z.object({ username: secret, password: secret }).strict();

/** JWT and OAUTH2_CLIENT_CREDENTIALS both trade a client id and secret for a token. */
export const clientCredentials = z.object({ clientId: secret, clientSecret: secret }).strict();

export const sshPasswordCredentials = z.object({ username: secret, password: secret }).strict();

export const sshKeyCredentials = z
  .object({ username: secret, privateKey: secret, passphrase: secret.optional() })
  .strict()
  // Secrets is a record of strings: an absent passphrase is left out, not undefined.
  .transform(({ passphrase, ...rest }): Secrets =>
    passphrase === undefined ? rest : { ...rest, passphrase },
  );

export const credentialsSchemas: Record<AuthType, z.ZodType<Secrets>> = {
  NONE: noCredentials,
  IP_WHITELIST: noCredentials,
  API_KEY: apiKeyCredentials,
  BASIC: basicCredentials,
  JWT: clientCredentials,
  OAUTH2_CLIENT_CREDENTIALS: clientCredentials,
  SSH_PASSWORD: sshPasswordCredentials,
  SSH_KEY: sshKeyCredentials,
};

/** The shared schemas for the auth types a kind accepts. */
export function credentialsSchemasFor(
  authTypes: readonly AuthType[],
): Partial<Record<AuthType, z.ZodType<Secrets>>> {
  return Object.fromEntries(authTypes.map((type) => [type, credentialsSchemas[type]]));
}
