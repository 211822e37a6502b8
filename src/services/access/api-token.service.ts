import { timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from '../../logger';
import { ApiTokenModel } from '../../models/api-token.model';
import { generateToken, hashToken, type Role } from '../../security/tokens';
import { invalid, invalidState, notFound } from '../user-errors';

/** Who is calling: resolved from the bearer token of every request. */
export interface Caller {
  role: Role;
  /** null for the environment's admin token, which has no row. */
  tokenId: number | null;
  /** For `triggeredBy` and audit: "token:<name>" or "admin". */
  name: string;
}

// lastUsedAt is written at most this often per token, not on every request.
const LAST_USED_RESOLUTION = "interval '1 minute'";

export class ApiTokenService {
  private readonly adminHash: Buffer | null;
  private readonly logger: Logger;

  constructor(
    private readonly db: Knex,
    adminToken: string | undefined,
    logger: Logger,
  ) {
    this.adminHash = adminToken ? hashToken(adminToken) : null;
    this.logger = logger.child({ source: 'api-tokens' });
  }

  /**
   * The caller a bearer token stands for, or null (unknown or revoked: the
   * request gets 401). Looked up on every request, so a revocation applies at
   * once on every replica.
   */
  async authenticate(token: string): Promise<Caller | null> {
    const hash = hashToken(token);
    if (this.adminHash && timingSafeEqual(hash, this.adminHash)) {
      return { role: 'ADMIN', tokenId: null, name: 'admin' };
    }
    const row = await ApiTokenModel.query(this.db)
      .findOne({ tokenHash: hash })
      .whereNull('revokedAt');
    if (!row) return null;
    await ApiTokenModel.query(this.db)
      .patch({ lastUsedAt: new Date() })
      .where('id', row.id)
      .where((q) =>
        q.whereNull('lastUsedAt').orWhereRaw(`last_used_at < now() - ${LAST_USED_RESOLUTION}`),
      );
    return { role: row.role, tokenId: row.id, name: `token:${row.name}` };
  }

  async list(): Promise<ApiTokenModel[]> {
    return ApiTokenModel.query(this.db).orderBy('id', 'desc');
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
    this.logger.info({ tokenId: id }, 'api token revoked');
    return this.db.transaction(
      async (trx) =>
        await ApiTokenModel.query(trx).patchAndFetchById(id, { revokedAt: new Date() }),
    );
  }
}
