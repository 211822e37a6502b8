import { registerEnumType } from 'type-graphql';

// TypeScript enums whose keys are the SDL values (SCREAMING_SNAKE_CASE) and
// whose values are what the database stores: the same strings.

export enum ConnectorKind {
  ISSUER_API = 'ISSUER_API',
  PG_API = 'PG_API',
  BANK_SFTP = 'BANK_SFTP',
  BANK_API = 'BANK_API',
  PG_DATABASE = 'PG_DATABASE',
  WOOCOMMERCE = 'WOOCOMMERCE',
}
registerEnumType(ConnectorKind, {
  name: 'ConnectorKind',
  description: 'The protocol family a connector speaks (contract/providers.md).',
  valuesConfig: {
    ISSUER_API: {
      description: 'Credential/certificate issuer API (NSDC-, Udemy-, Jaimin-style providers).',
    },
    PG_API: { description: 'Payment-gateway transaction report API.' },
    BANK_SFTP: { description: 'Bank settlement files on an SFTP server.' },
    BANK_API: { description: 'Bank settlement API.' },
    PG_DATABASE: { description: 'A SQL database queried directly.' },
    WOOCOMMERCE: { description: 'WooCommerce REST API v3 (products and orders).' },
  },
});

export enum ConnectorStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  FAILED = 'FAILED',
  TESTING = 'TESTING',
}
registerEnumType(ConnectorStatus, {
  name: 'ConnectorStatus',
  description: 'Whether a connector runs, and how its last check went.',
  valuesConfig: {
    ACTIVE: { description: 'Runs on schedule and on demand.' },
    PAUSED: { description: 'Switched off by an operator; nothing runs until resumed.' },
    FAILED: { description: 'Its last test or run failed; it still runs, to recover.' },
    TESTING: { description: 'A connection test is in progress.' },
  },
});

export enum AuthType {
  NONE = 'NONE',
  API_KEY = 'API_KEY',
  BASIC = 'BASIC',
  JWT = 'JWT',
  OAUTH2_CLIENT_CREDENTIALS = 'OAUTH2_CLIENT_CREDENTIALS',
  SSH_PASSWORD = 'SSH_PASSWORD',
  SSH_KEY = 'SSH_KEY',
  IP_WHITELIST = 'IP_WHITELIST',
}
registerEnumType(AuthType, {
  name: 'AuthType',
  description: 'How a connector authenticates; its secrets go in `credentials`.',
  valuesConfig: {
    NONE: { description: 'No authentication.' },
    API_KEY: { description: 'A key sent in a header: credentials {apiKey}.' },
    BASIC: {
      description:
        'HTTP Basic or a database login: {username, password} ({consumerKey, consumerSecret} for WooCommerce).',
    },
    JWT: { description: 'A bearer token from the token endpoint: {clientId, clientSecret}.' },
    OAUTH2_CLIENT_CREDENTIALS: {
      description: 'OAuth 2.0 client-credentials grant: {clientId, clientSecret}.',
    },
    SSH_PASSWORD: { description: 'SSH/SFTP login with a password: {username, password}.' },
    SSH_KEY: {
      description: 'SSH/SFTP login with a private key: {username, privateKey, passphrase?}.',
    },
    IP_WHITELIST: { description: "The source allows the hub's address; no secrets." },
  },
});

export enum RunType {
  SCHEDULED = 'SCHEDULED',
  MANUAL = 'MANUAL',
  TEST = 'TEST',
  BACKFILL = 'BACKFILL',
  RETRY = 'RETRY',
  WEBHOOK = 'WEBHOOK',
  REMAP = 'REMAP',
}
registerEnumType(RunType, {
  name: 'RunType',
  description: 'What started a run.',
  valuesConfig: {
    SCHEDULED: { description: "A tick of the connector's cron schedule." },
    MANUAL: { description: 'runConnector.' },
    TEST: { description: 'testConnector: a reachability and authentication check.' },
    BACKFILL: { description: 'backfillConnector: a date window, cursor untouched.' },
    RETRY: { description: 'retryRun: a failed run again, from its checkpoint.' },
    WEBHOOK: { description: 'Records pushed by the source to the inbound webhook.' },
    REMAP: {
      description: 'Stored raw records mapped again with the current rules; nothing fetched.',
    },
  },
});

export enum RunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCESS = 'SUCCESS',
  PARTIAL_SUCCESS = 'PARTIAL_SUCCESS',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'Where a run is in its life.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'A worker is executing it.' },
    SUCCESS: { description: 'Finished; every record was stored or skipped with a reason.' },
    PARTIAL_SUCCESS: { description: 'Finished, but some records failed to be stored.' },
    FAILED: { description: 'The run itself could not finish; see errorMessage.' },
    CANCELLED: { description: 'Stopped by cancelRun at a page boundary.' },
  },
});

export enum LogLevel {
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARN = 'WARN',
  ERROR = 'ERROR',
}
registerEnumType(LogLevel, {
  name: 'LogLevel',
  description: 'Severity of a run log entry.',
  valuesConfig: {
    DEBUG: { description: 'Detail for diagnosis.' },
    INFO: { description: 'Normal progress.' },
    WARN: { description: 'Something was skipped or retried.' },
    ERROR: { description: 'Something failed.' },
  },
});

export enum Role {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do.',
  valuesConfig: {
    ADMIN: { description: 'Everything.' },
    OPERATOR: { description: 'Read, plus test, run, pause, resume, backfill, cancel and retry.' },
    VIEWER: { description: 'Read only.' },
  },
});

export enum RunPhase {
  QUEUED = 'QUEUED',
  AUTHENTICATING = 'AUTHENTICATING',
  FETCHING = 'FETCHING',
  PROCESSING = 'PROCESSING',
  ANCHORING = 'ANCHORING',
  FINALIZING = 'FINALIZING',
  DONE = 'DONE',
}
registerEnumType(RunPhase, {
  name: 'RunPhase',
  description: 'What a run is doing right now.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a worker.' },
    AUTHENTICATING: { description: 'Signing in to the source.' },
    FETCHING: { description: 'Reading pages from the source.' },
    PROCESSING: { description: 'Normalizing, validating and storing records.' },
    ANCHORING: { description: 'Anchoring issued credentials.' },
    FINALIZING: { description: 'Writing the outcome and statistics.' },
    DONE: { description: 'Ended, whatever the outcome.' },
  },
});

export enum SkipReason {
  DUPLICATE = 'DUPLICATE',
  VERIFICATION_FAILED = 'VERIFICATION_FAILED',
  HOURS_EXCEEDED = 'HOURS_EXCEEDED',
  INVALID_RECORD = 'INVALID_RECORD',
  MAPPING_FAILED = 'MAPPING_FAILED',
  ISSUER_NOT_FOUND = 'ISSUER_NOT_FOUND',
  PROCESSING_FAILED = 'PROCESSING_FAILED',
}
registerEnumType(SkipReason, {
  name: 'SkipReason',
  description: 'Why a record was not stored.',
  valuesConfig: {
    DUPLICATE: {
      description: 'Another record of the same run or source already has its identity.',
    },
    VERIFICATION_FAILED: { description: 'The source could not confirm it.' },
    HOURS_EXCEEDED: { description: 'Its hours exceed the maximum allowed.' },
    INVALID_RECORD: { description: 'It failed validation (missing or malformed fields).' },
    MAPPING_FAILED: { description: 'It could not be mapped to the canonical shape.' },
    ISSUER_NOT_FOUND: { description: 'Its issuer is not known to the hub.' },
    PROCESSING_FAILED: {
      description:
        'The record could not be stored (e.g. a constraint or a downstream failure); counted in recordsFailed.',
    },
  },
});
