import { Model } from 'objection';
import type { Role } from '../security/tokens';

export class ApiTokenModel extends Model {
  static override tableName = 'api_tokens';

  id!: number;
  name!: string;
  role!: Role;
  /** sha-256 of the token; the token itself is never stored. */
  tokenHash!: Buffer;
  createdAt!: Date;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
  /** 'env': the environment's admin token (TRIBUTARY_ADMIN_TOKEN); 'api': made with createApiToken. */
  source!: 'api' | 'env';
}
