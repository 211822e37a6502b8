/**
 * The seed's way of configuring issuers (issuer-credential-sync.md): one set
 * of environment variables per provider. At start-up each enabled provider
 * becomes a connector named after it, created or updated in place, so a
 * deployment configured that way works unchanged.
 *
 *   NSDC_ENABLED, NSDC_BASE_URL, NSDC_ISSUER_ID, NSDC_CLIENT_ID, NSDC_CLIENT_SECRET     (JWT)
 *   UDEMY_ENABLED, UDEMY_BASE_URL, UDEMY_ISSUER_ID, UDEMY_CLIENT_ID, UDEMY_CLIENT_SECRET (OAuth2)
 *   JAIMIN_ENABLED, JAIMIN_BASE_URL, JAIMIN_ISSUER_ID, JAIMIN_API_KEY                    (API key)
 *   POLL_INTERVAL_HOURS [1]  ->  schedule `0 *\/N * * *` (UTC)
 *   POSSIBLE_MAX_HOUR [1000] ->  config.maxHours
 *
 * `<P>_ISSUER_ID` was the issuer's row id in the seed's database; here the
 * issuer is found or created by name, so the id is accepted and ignored.
 */
import { z } from 'zod';
import type { AuthType } from '../connectors/types';
import type { Logger } from '../logger';
import type { ConnectorService } from '../services/connectors/connector.service';
import { isDomainError } from '../services/user-errors';
import { applyPaymentSeedConnectors } from './seed-payment-connectors';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const seedEnv = z.object({
  POLL_INTERVAL_HOURS: z.coerce.number().int().min(1).max(24).default(1),
  POSSIBLE_MAX_HOUR: z.coerce.number().positive().max(100_000).default(1_000),
  NSDC_ENABLED: flag.default(false),
  UDEMY_ENABLED: flag.default(false),
  JAIMIN_ENABLED: flag.default(false),
});

interface Provider {
  name: 'NSDC' | 'UDEMY' | 'JAIMIN';
  authType: AuthType;
  /** Credential key -> the variable suffix it comes from. */
  secrets: Record<string, string>;
}

const PROVIDERS: Provider[] = [
  {
    name: 'NSDC',
    authType: 'JWT',
    secrets: { clientId: 'CLIENT_ID', clientSecret: 'CLIENT_SECRET' },
  },
  {
    name: 'UDEMY',
    authType: 'OAUTH2_CLIENT_CREDENTIALS',
    secrets: { clientId: 'CLIENT_ID', clientSecret: 'CLIENT_SECRET' },
  },
  { name: 'JAIMIN', authType: 'API_KEY', secrets: { apiKey: 'API_KEY' } },
];

export class SeedConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid connector configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SeedConfigError';
  }
}

/** Creates or updates the connectors the environment asks for; returns their names. */
export async function applySeedConnectors(
  env: NodeJS.ProcessEnv,
  connectors: ConnectorService,
  logger: Logger,
): Promise<string[]> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = seedEnv.safeParse(present);
  if (!parsed.success) {
    throw new SeedConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const settings = parsed.data;
  const hours = settings.POLL_INTERVAL_HOURS;
  const schedule = {
    enabled: true,
    cron: hours === 1 ? '0 * * * *' : `0 */${hours} * * *`,
    timezone: 'UTC',
  };
  const applied: string[] = [];
  for (const provider of PROVIDERS) {
    if (!settings[`${provider.name}_ENABLED`]) continue;
    const missing: string[] = [];
    const read = (suffix: string) => {
      const value = present[`${provider.name}_${suffix}`];
      if (!value) missing.push(`${provider.name}_${suffix}`);
      return value ?? '';
    };
    const baseUrl = read('BASE_URL');
    const credentials = Object.fromEntries(
      Object.entries(provider.secrets).map(([key, suffix]) => [key, read(suffix)]),
    );
    if (missing.length)
      throw new SeedConfigError(
        missing.map((name) => `${name}: required when ${provider.name}_ENABLED=true`),
      );
    const config = { baseUrl, maxHours: settings.POSSIBLE_MAX_HOUR };
    const existing = await connectors.findByName(provider.name);
    try {
      if (existing) {
        await connectors.update({
          id: existing.id,
          authType: provider.authType,
          config: { ...existing.config, ...config },
          credentials,
          schedule,
        });
      } else {
        await connectors.create({
          name: provider.name,
          kind: 'ISSUER_API',
          sourceEntity: provider.name,
          authType: provider.authType,
          config,
          credentials,
          schedule,
        });
      }
    } catch (error) {
      if (isDomainError(error)) {
        throw new SeedConfigError(
          error.userErrors.map(
            (e) => `${provider.name}: ${(e.field ?? []).join('.')}: ${e.message}`,
          ),
        );
      }
      throw error;
    }
    logger.info(
      { connector: provider.name, created: !existing },
      'issuer connector configured from the environment',
    );
    applied.push(provider.name);
  }
  // The payments seed's connector (SABPAISA_API_BASE_URL), the same way.
  const payments = await applyPaymentSeedConnectors(present, connectors, logger);
  if (payments.problems.length) throw new SeedConfigError(payments.problems);
  applied.push(...payments.applied);
  return applied;
}
