import { Model } from 'objection';

/** Sealed credentials of one connector (AES-256-GCM); see src/security/secret-box.ts. */
export class ConnectorSecretModel extends Model {
  static override tableName = 'connector_secrets';
  static override idColumn = 'connectorId';

  connectorId!: number;
  ciphertext!: Buffer;
  iv!: Buffer;
  tag!: Buffer;
  keyId!: string;
  /** Sealed with the connector as additional authenticated data (see SecretBox). */
  bound!: boolean;
  updatedAt!: Date;
}
