import type { Knex } from 'knex';
import type { Logger } from '../../logger';
import type { Publisher } from '../../pubsub/events';
import { raw } from 'objection';
import { ApiTokenModel } from '../../models/api-token.model';
import { generateToken, hashToken, type Role } from '../../security/tokens';
import { invalid, invalidState, notFound } from '../user-errors';

/** Who is calling: resolved from the bearer token of every request. */
export interface Caller {
  role: Role;
  /** The api_tokens row (the environment's admin token has one too); null only for internal callers. */
  tokenId: number | null;
  /** For `triggeredBy` and audit: "token:<name>", or "admin" for the environment's token. */
  name: string;
}

// lastUsedAt is written at most this often per token, not on every request.
const LAST_USED_RESOLUTION = "interval '1 minute'";
const LAST_USED_RESOLUTION_MS = 60_000;

/** The name the environment's admin token is listed under, and its callers' name. */
const ENV_TOKEN_NAME = 'admin';

export class ApiTokenService {
  private readonly envHash: Buffer | null;
  private readonly logger: Logger;
  private envReady: Promise<void> | undefined;
  /** When this process last wrote each token's lastUsedAt (token id -> ms). */
  private readonly lastUsedWritten = new Map<number, number>();

  constructor(
    private readonly db: Knex,
    adminToken: string | undefined,
    logger: Logger,
    /** Tells every process a token was revoked, so each closes that token's sockets. */
    private readonly publisher?: Publisher,
  ) {
    this.envHash = adminToken ? hashToken(adminToken) : null;
    this.logger = logger.child({ source: 'api-tokens' });
  }

  /**
   * The caller a bearer token stands for, or null (unknown or revoked: the
   * request gets 401). Looked up on every request, so a revocation applies at
   * once on every replica.
   */
  async authenticate(token: string): Promise<Caller | null> {
    return (await this.authenticateAt(token))?.caller ?? null;
  }

  /**
   * authenticate(), plus the database's snapshot as the look-up saw it
   * (`pg_current_snapshot()`, in the same statement): it changes whenever a
   * writing transaction ends, anywhere on the server, so two requests that
   * read the same snapshot saw the same committed data. The response cache
   * keys answers by it (src/server/response-cache.ts).
   */
  async authenticateAt(token: string): Promise<{ caller: Caller; snapshot: string } | null> {
    await this.ensureEnvToken();
    const row = (await ApiTokenModel.query(this.db)
      .findOne({ tokenHash: hashToken(token) })
      .whereNull('revokedAt')
      .select('api_tokens.*', raw('pg_current_snapshot()::text as read_snapshot'))) as
      (ApiTokenModel & { readSnapshot: string }) | undefined;
    if (!row) return null;
    if (this.lastUsedIsStale(row)) {
      await ApiTokenModel.query(this.db)
        .patch({ lastUsedAt: new Date() })
        .where('id', row.id)
        .where((q) =>
          q.whereNull('lastUsedAt').orWhereRaw(`last_used_at < now() - ${LAST_USED_RESOLUTION}`),
        );
    }
    return { caller: callerOf(row), snapshot: row.readSnapshot };
  }

  /**
   * True when the token's lastUsedAt (to the minute) is due: the row read
   * says it is older than a minute, and this process has not written it in
   * the last minute (requests arriving together send one UPDATE, not one
   * each). Otherwise the request costs one statement, the look-up.
   */
  private lastUsedIsStale(row: ApiTokenModel): boolean {
    const now = Date.now();
    const read = row.lastUsedAt?.getTime() ?? 0;
    const written = this.lastUsedWritten.get(row.id) ?? 0;
    if (now - Math.max(read, written) < LAST_USED_RESOLUTION_MS) return false;
    // Entries older than the resolution say nothing: dropped, so the map holds recent tokens only.
    for (const [id, at] of this.lastUsedWritten) {
      if (now - at >= LAST_USED_RESOLUTION_MS) this.lastUsedWritten.delete(id);
    }
    this.lastUsedWritten.set(row.id, now);
    return true;
  }

  /**
   * The caller a token id stands for now, or null once it is revoked: sockets
   * authenticated earlier are checked again with it before each operation.
   */
  async callerById(tokenId: number | null): Promise<Caller | null> {
    if (tokenId === null) return null;
    const row = await ApiTokenModel.query(this.db).findById(tokenId).whereNull('revokedAt');
    return row ? callerOf(row) : null;
  }

  async list(): Promise<ApiTokenModel[]> {
    await this.ensureEnvToken();
    return ApiTokenModel.query(this.db).orderBy('id', 'desc');
  }

  /**
   * The environment's admin token as a row (source 'env'), so it is listed
   * and revocable. Inserted once per value: a revoked one is found as it is
   * and stays revoked across restarts; a new value revokes the rows of the
   * values before it. Once per process (again after a failure).
   */
  private ensureEnvToken(): Promise<void> {
    const hash = this.envHash;
    if (!hash) return Promise.resolve();
    this.envReady ??= this.db
      .transaction(async (trx) => {
        // Replicas starting together take turns; the second finds the first's row.
        await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['tributary:env-admin-token']);
        const replaced = await ApiTokenModel.query(trx)
          .patch({ revokedAt: new Date() })
          .where({ source: 'env' })
          .whereNull('revokedAt')
          .whereNot('tokenHash', hash);
        const inserted = await trx.raw(
          `INSERT INTO api_tokens (name, role, token_hash, source) VALUES (?, 'ADMIN', ?, 'env')
           ON CONFLICT (token_hash) DO NOTHING RETURNING id`,
          [ENV_TOKEN_NAME, hash],
        );
        if (replaced > 0)
          this.logger.info({ revoked: replaced }, 'previous env admin token revoked');
        if (inserted.rows.length > 0) this.logger.info('env admin token listed');
      })
      .catch((error: unknown) => {
        this.envReady = undefined;
        throw error;
      });
    return this.envReady;
  }

  async get(id: number): Promise<ApiTokenModel | undefined> {
    return ApiTokenModel.query(this.db).findById(id);
  }

  async create(name: string, role: Role): Promise<{ apiToken: ApiTokenModel; token: string }> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200)
      invalid('name must be 1 to 200 characters', ['input', 'name']);
    const token = generateToken();
    // In a transaction of its own, so the audit row commits with it.
    const apiToken = await this.db.transaction(
      async (trx) =>
        await ApiTokenModel.query(trx).insertAndFetch({
          name: trimmed,
          role,
          tokenHash: hashToken(token),
        }),
    );
    this.logger.info({ tokenId: apiToken.id, role }, 'api token created');
    return { apiToken, token };
  }

  async revoke(id: number): Promise<ApiTokenModel> {
    const current = await this.get(id);
    if (!current) return notFound('no API token with this id', ['id']);
    if (current.revokedAt) invalidState('token is already revoked', ['id']);
    return this.db.transaction(async (trx) => {
      const revoked = await ApiTokenModel.query(trx).patchAndFetchById(id, {
        revokedAt: new Date(),
      });
      // On commit, every process closes the sockets this token opened.
      await this.publisher?.publish(trx, {
        type: 'token',
        tokenId: id,
        revoked: true,
        at: new Date().toISOString(),
      });
      this.logger.info({ tokenId: id }, 'api token revoked');
      return revoked;
    });
  }
}

function callerOf(row: ApiTokenModel): Caller {
  const name = row.source === 'env' ? ENV_TOKEN_NAME : `token:${row.name}`;
  return { role: row.role, tokenId: row.id, name };
}
