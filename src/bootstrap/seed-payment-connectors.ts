/**
 * The payments seed's default connector (payment-connectors-reconciliation.md):
 * "SabPaisa PG API", PG_API, source entity SABPAISA, merchant codes ALL,
 * T-1 (syncDaysBack 1), daily at 02:00 Asia/Kolkata. It is created or
 * updated at start-up when SABPAISA_API_BASE_URL is set:
 *
 *   SABPAISA_API_BASE_URL  the gateway's report API; the seed's full
 *                          `.../SettlePaisa/txnData` URL is accepted as is
 *                          (its last segment becomes config.path)
 *   SABPAISA_API_KEY       optional: API_KEY auth (X-API-Key); without it
 *                          IP_WHITELIST, as the seed (the gateway allows the
 *                          hub's address)
 *
 * An update keeps the connector's other settings (merchant codes, page size,
 * fieldMap) as an admin left them; the variables own URL, auth and schedule.
 */
import { z } from 'zod';
import type { Logger } from '../logger';
import type { ConnectorService } from '../services/connectors/connector.service';
import { isDomainError } from '../services/user-errors';

export const SABPAISA_CONNECTOR = 'SabPaisa PG API';
const DEFAULT_PATH = '/txnData';

const seedEnv = z.object({
  SABPAISA_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SABPAISA_API_KEY: z.string().min(1).optional(),
});

/** Splits the seed's report URL into baseUrl and path. */
export function sabPaisaEndpoint(url: string): { baseUrl: string; path: string } {
  const parsed = new URL(url);
  const trimmed = parsed.pathname.replace(/\/+$/, '');
  if (trimmed.endsWith(DEFAULT_PATH)) {
    parsed.pathname = trimmed.slice(0, -DEFAULT_PATH.length) || '/';
    return { baseUrl: parsed.toString().replace(/\/$/, ''), path: DEFAULT_PATH };
  }
  return { baseUrl: url.replace(/\/+$/, ''), path: DEFAULT_PATH };
}

/**
 * Creates or updates the SabPaisa connector when the environment asks for
 * it; returns its name, or nothing. Bad values throw `problems` for the
 * caller's SeedConfigError.
 */
export async function applyPaymentSeedConnectors(
  present: Record<string, string | undefined>,
  connectors: ConnectorService,
  logger: Logger,
): Promise<{ applied: string[]; problems: string[] }> {
  const parsed = seedEnv.safeParse(present);
  if (!parsed.success) {
    return {
      applied: [],
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const { SABPAISA_API_BASE_URL: url, SABPAISA_API_KEY: apiKey } = parsed.data;
  if (!url) return { applied: [], problems: [] };
  const endpoint = sabPaisaEndpoint(url);
  const authType = apiKey ? ('API_KEY' as const) : ('IP_WHITELIST' as const);
  const credentials = apiKey ? { apiKey } : undefined;
  const schedule = { enabled: true, cron: '0 2 * * *', timezone: 'Asia/Kolkata' };
  const existing = await connectors.findByName(SABPAISA_CONNECTOR);
  try {
    if (existing) {
      await connectors.update({
        id: existing.id,
        authType,
        config: { ...existing.config, ...endpoint },
        credentials,
        schedule,
      });
    } else {
      await connectors.create({
        name: SABPAISA_CONNECTOR,
        kind: 'PG_API',
        sourceEntity: 'SABPAISA',
        authType,
        config: { ...endpoint, merchantCodes: ['ALL'], syncDaysBack: 1 },
        credentials,
        schedule,
      });
    }
  } catch (error) {
    if (isDomainError(error)) {
      return {
        applied: [],
        problems: error.userErrors.map(
          (e) => `${SABPAISA_CONNECTOR}: ${(e.field ?? []).join('.')}: ${e.message}`,
        ),
      };
    }
    throw error;
  }
  logger.info(
    { connector: SABPAISA_CONNECTOR, created: !existing },
    'payment gateway connector configured from the environment',
  );
  return { applied: [SABPAISA_CONNECTOR], problems: [] };
}
