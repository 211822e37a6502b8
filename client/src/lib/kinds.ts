/**
 * Each connector kind's settings, defaults and auth types, as
 * contract/providers.md lists them. Object-valued settings (fieldMap, retry,
 * columns, mappings...) are edited as JSON under "Other settings".
 */
export type Kind =
  'ISSUER_API' | 'PG_API' | 'BANK_SFTP' | 'BANK_API' | 'PG_DATABASE' | 'WOOCOMMERCE';
export type AuthType =
  | 'NONE'
  | 'API_KEY'
  | 'BASIC'
  | 'JWT'
  | 'OAUTH2_CLIENT_CREDENTIALS'
  | 'SSH_PASSWORD'
  | 'SSH_KEY'
  | 'IP_WHITELIST';

export interface SettingSpec {
  key: string;
  label: string;
  type: 'text' | 'url' | 'number' | 'boolean' | 'list' | 'textarea' | 'select';
  required?: boolean;
  /** The default the server fills in; pre-filled in a new form. */
  default?: string | number | boolean | string[] | null;
  /** Shown when the default depends on other fields. */
  hint?: string;
  /** An empty value is sent as null (e.g. verifyPath: null turns verification off). */
  emptyIsNull?: boolean;
  options?: string[];
}

export interface KindSpec {
  label: string;
  settings: SettingSpec[];
  authTypes: AuthType[];
}

const HTTP_COMMON: SettingSpec[] = [
  { key: 'timeoutMs', label: 'Request timeout (ms)', type: 'number', default: 30000 },
];

export const KINDS: Record<Kind, KindSpec> = {
  ISSUER_API: {
    label: 'Credential issuer API',
    authTypes: ['API_KEY', 'JWT', 'OAUTH2_CLIENT_CREDENTIALS'],
    settings: [
      { key: 'baseUrl', label: 'Base URL', type: 'url', required: true },
      {
        key: 'issuerName',
        label: 'Issuer name',
        type: 'text',
        hint: 'defaults to the source entity',
      },
      {
        key: 'providerId',
        label: 'Provider id',
        type: 'text',
        hint: 'defaults to the source entity, lower-cased',
      },
      { key: 'listPath', label: 'List path', type: 'text', default: '/credentials' },
      { key: 'tokenPath', label: 'Token path', type: 'text', default: '/auth/token' },
      {
        key: 'verifyPath',
        label: 'Verify path',
        type: 'text',
        default: '/credentials/{id}/verify',
        emptyIsNull: true,
        hint: 'empty turns verification off',
      },
      { key: 'pageSize', label: 'Page size', type: 'number', default: 100 },
      { key: 'maxHours', label: 'Max hours', type: 'number', default: 1000 },
      { key: 'apiKeyHeader', label: 'API key header', type: 'text', default: 'X-API-Key' },
      { key: 'cursorField', label: 'Cursor field', type: 'text', default: 'updated_at' },
      ...HTTP_COMMON,
    ],
  },
  PG_API: {
    label: 'Payment gateway API',
    authTypes: ['NONE', 'IP_WHITELIST', 'API_KEY', 'BASIC'],
    settings: [
      { key: 'baseUrl', label: 'Base URL', type: 'url', required: true },
      { key: 'path', label: 'Path', type: 'text', default: '/txnData' },
      {
        key: 'merchantCodes',
        label: 'Merchant codes (comma-separated)',
        type: 'list',
        default: ['ALL'],
      },
      { key: 'syncDaysBack', label: 'Sync days back', type: 'number', default: 1 },
      { key: 'pageSize', label: 'Page size', type: 'number', default: 500 },
      ...HTTP_COMMON,
    ],
  },
  BANK_SFTP: {
    label: 'Bank SFTP files',
    authTypes: ['SSH_PASSWORD', 'SSH_KEY'],
    settings: [
      { key: 'host', label: 'Host', type: 'text', required: true },
      { key: 'port', label: 'Port', type: 'number', default: 22 },
      { key: 'remoteDir', label: 'Remote directory', type: 'text', required: true },
      {
        key: 'filePattern',
        label: 'File pattern',
        type: 'text',
        default: 'SETTLEMENT_{YYYYMMDD}.csv',
      },
      { key: 'delimiter', label: 'Delimiter', type: 'text', default: ',' },
      { key: 'checksum', label: 'Checksum', type: 'text', default: 'sha256-sidecar' },
    ],
  },
  BANK_API: {
    label: 'Bank settlement API',
    authTypes: ['API_KEY', 'BASIC', 'OAUTH2_CLIENT_CREDENTIALS'],
    settings: [
      { key: 'baseUrl', label: 'Base URL', type: 'url', required: true },
      { key: 'path', label: 'Path', type: 'text', default: '/settlements' },
      { key: 'syncDaysBack', label: 'Sync days back', type: 'number', default: 1 },
      ...HTTP_COMMON,
    ],
  },
  PG_DATABASE: {
    label: 'SQL database',
    authTypes: ['BASIC'],
    settings: [
      { key: 'host', label: 'Host', type: 'text', required: true },
      { key: 'port', label: 'Port', type: 'number', default: 5432 },
      { key: 'database', label: 'Database', type: 'text', required: true },
      { key: 'ssl', label: 'Use SSL', type: 'boolean', default: false },
      { key: 'query', label: 'Query (:since, :limit)', type: 'textarea', required: true },
      { key: 'cursorColumn', label: 'Cursor column', type: 'text', required: true },
      {
        key: 'entity',
        label: 'Entity',
        type: 'select',
        options: ['transaction', 'settlement'],
        required: true,
      },
    ],
  },
  WOOCOMMERCE: {
    label: 'WooCommerce shop',
    authTypes: ['BASIC'],
    settings: [
      { key: 'baseUrl', label: 'Shop URL', type: 'url', required: true },
      { key: 'syncProducts', label: 'Sync products', type: 'boolean', default: true },
      { key: 'syncOrders', label: 'Sync orders', type: 'boolean', default: true },
      { key: 'perPage', label: 'Per page', type: 'number', default: 100 },
      ...HTTP_COMMON,
    ],
  },
};

export interface SecretSpec {
  key: string;
  label: string;
  optional?: boolean;
  multiline?: boolean;
}

/** The write-only secrets each auth type takes (WooCommerce's BASIC is a consumer key pair). */
export function secretsFor(kind: Kind, auth: AuthType): SecretSpec[] {
  switch (auth) {
    case 'API_KEY':
      return [{ key: 'apiKey', label: 'API key' }];
    case 'BASIC':
      return kind === 'WOOCOMMERCE'
        ? [
            { key: 'consumerKey', label: 'Consumer key' },
            { key: 'consumerSecret', label: 'Consumer secret' },
          ]
        : [
            { key: 'username', label: 'Username' },
            { key: 'password', label: 'Password' },
          ];
    case 'JWT':
    case 'OAUTH2_CLIENT_CREDENTIALS':
      return [
        { key: 'clientId', label: 'Client id' },
        { key: 'clientSecret', label: 'Client secret' },
      ];
    case 'SSH_PASSWORD':
      return [
        { key: 'username', label: 'Username' },
        { key: 'password', label: 'Password' },
      ];
    case 'SSH_KEY':
      return [
        { key: 'username', label: 'Username' },
        { key: 'privateKey', label: 'Private key', multiline: true },
        { key: 'passphrase', label: 'Passphrase', optional: true },
      ];
    default:
      return [];
  }
}
