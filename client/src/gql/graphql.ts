/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date string, such as 2007-12-03, compliant with the `full-date` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  Date: { input: string; output: string; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** An exact decimal number as a string, e.g. "1250.50". Money is never a binary float. */
  Decimal: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** How far a credential’s Merkle root is anchored. */
export type AnchorStatus =
  /** Merkle root written in a blockchain transaction. */
  | 'ANCHORED'
  | 'FAILED'
  | 'PENDING'
  /** Merkle root signed by this hub's key; no chain configured. */
  | 'SIGNED';

/** A bearer token for the API; only its hash is stored. */
export type ApiToken = Node & {
  __typename?: 'ApiToken';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Last request made with it (to the minute). */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the token is for, e.g. "reporting job". */
  name: Scalars['String']['output'];
  /** When it was revoked; it is refused from then on. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What it may do. */
  role: Role;
};

/** Result of createApiToken / revokeApiToken. */
export type ApiTokenPayload = {
  __typename?: 'ApiTokenPayload';
  /** The token, unless the call failed. */
  apiToken?: Maybe<ApiToken>;
  /** The bearer token itself, returned only by createApiToken; only its hash is stored. */
  token?: Maybe<Scalars['String']['output']>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** One mutation as it was asked for: who, what, when and how it ended. */
export type AuditEntry = Node & {
  __typename?: 'AuditEntry';
  /** The mutation's name, e.g. updateConnector. */
  action: Scalars['String']['output'];
  /** Name of the API token that made the call. */
  actor: Scalars['String']['output'];
  /** When it was asked for. */
  at: Scalars['DateTime']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** The input with every secret removed. */
  input?: Maybe<Scalars['JSON']['output']>;
  /** OK, USER_ERROR or ERROR. */
  outcome: Scalars['String']['output'];
  /** The token's role at the time. */
  role: Role;
  /** The object it acted on or created, when there is one. */
  targetId?: Maybe<Scalars['ID']['output']>;
};

/** A page of audit entrys. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The page, in order. */
  edges: Array<AuditEntryEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many audit entrys match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One audit entry in a page, with its cursor. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The audit entry. */
  node: AuditEntry;
};

/** How a connector authenticates; its secrets go in `credentials`. */
export type AuthType =
  /** A key sent in a header: credentials {apiKey}. */
  | 'API_KEY'
  /** HTTP Basic or a database login: {username, password} ({consumerKey, consumerSecret} for WooCommerce). */
  | 'BASIC'
  /** The source allows the hub's address; no secrets. */
  | 'IP_WHITELIST'
  /** A bearer token from the token endpoint: {clientId, clientSecret}. */
  | 'JWT'
  /** No authentication. */
  | 'NONE'
  /** OAuth 2.0 client-credentials grant: {clientId, clientSecret}. */
  | 'OAUTH2_CLIENT_CREDENTIALS'
  /** SSH/SFTP login with a private key: {username, privateKey, passphrase?}. */
  | 'SSH_KEY'
  /** SSH/SFTP login with a password: {username, password}. */
  | 'SSH_PASSWORD';

/** A backfill: whole days (UTC) synced again without moving the cursor. */
export type BackfillConnectorInput = {
  /** First day (inclusive). */
  from: Scalars['Date']['input'];
  /** The connector. */
  id: Scalars['ID']['input'];
  /** Last day (inclusive); at most 366 days after from. */
  to: Scalars['Date']['input'];
};

/** One configured connection to an outside system. */
export type Connector = Node & {
  __typename?: 'Connector';
  /** How it authenticates to the source. */
  authType: AuthType;
  /** Non-secret connection settings, validated per kind, with the kind's defaults filled in. */
  config: Scalars['JSON']['output'];
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the stored secrets were last written. */
  credentialsUpdatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** True when write-only secrets are stored for this connector. */
  hasCredentials: Scalars['Boolean']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Set when the connector accepts pushed records (enableInboundWebhook). */
  inboundWebhook?: Maybe<InboundWebhook>;
  /** The protocol family this connector speaks. */
  kind: ConnectorKind;
  /** The last sync run (TEST runs excluded). */
  lastRun?: Maybe<Run>;
  /** The last TEST run. */
  lastTest?: Maybe<Run>;
  /** Unique name (case-insensitive), chosen by the admin. */
  name: Scalars['String']['output'];
  /** Its runs, newest first. */
  runs: RunConnection;
  /** When it runs on its own. */
  schedule: Schedule;
  /** Which outside party this connector reads, e.g. NSDC, SABPAISA, HDFC_BANK. */
  sourceEntity: Scalars['String']['output'];
  /** How its runs have gone. */
  stats: ConnectorStats;
  /** Whether it runs, and how its last check went. */
  status: ConnectorStatus;
  /** Where incremental sync resumes: the saved cursor of each stream; null before the first page. */
  syncState?: Maybe<Scalars['JSON']['output']>;
  /** When its settings last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** One configured connection to an outside system. */
export type ConnectorRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<RunStatus>;
  type?: InputMaybe<RunType>;
  types?: InputMaybe<Array<RunType>>;
};

/** A page of connectors. */
export type ConnectorConnection = {
  __typename?: 'ConnectorConnection';
  /** The page, in order. */
  edges: Array<ConnectorEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many connectors match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One connector in a page, with its cursor. */
export type ConnectorEdge = {
  __typename?: 'ConnectorEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The connector. */
  node: Connector;
};

/** The protocol family a connector speaks (contract/providers.md). */
export type ConnectorKind =
  /** Bank settlement API. */
  | 'BANK_API'
  /** Bank settlement files on an SFTP server. */
  | 'BANK_SFTP'
  /** Credential/certificate issuer API (NSDC-, Udemy-, Jaimin-style providers). */
  | 'ISSUER_API'
  /** Payment-gateway transaction report API. */
  | 'PG_API'
  /** A SQL database queried directly. */
  | 'PG_DATABASE'
  /** WooCommerce REST API v3 (products and orders). */
  | 'WOOCOMMERCE';

/** What a connector kind can do in this hub. */
export type ConnectorKindInfo = {
  __typename?: 'ConnectorKindInfo';
  /** Auth types it accepts, in the order a form offers them. */
  authTypes: Array<AuthType>;
  /** It can sync a window of whole days (backfillConnector). */
  canBackfill: Scalars['Boolean']['output'];
  /** Accepts records pushed to an inbound webhook. */
  canPush: Scalars['Boolean']['output'];
  /** It can run on a cron schedule; a schedule is refused otherwise. */
  canSchedule: Scalars['Boolean']['output'];
  /** Its records can be synced (runConnector, retryRun). */
  canSync: Scalars['Boolean']['output'];
  /** Its connection can be tested (testConnector, testConnection). */
  canTest: Scalars['Boolean']['output'];
  /** The kind's config as JSON Schema, with defaults and limits, for forms. */
  configSchema: Scalars['JSON']['output'];
  /** The kind. */
  kind: ConnectorKind;
};

/** Result of a mutation on a connector. */
export type ConnectorPayload = {
  __typename?: 'ConnectorPayload';
  /** The connector as it is now, unless the call failed. */
  connector?: Maybe<Connector>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** How the sync runs of a connector have gone (TEST runs are not syncs). */
export type ConnectorStats = {
  __typename?: 'ConnectorStats';
  /** Runs an operator cancelled: neither success nor failure. */
  cancelledCount: Scalars['Int']['output'];
  /** Sync runs that ended FAILED. */
  failureCount: Scalars['Int']['output'];
  /** Sync runs that ended SUCCESS or PARTIAL_SUCCESS. */
  successCount: Scalars['Int']['output'];
  /** successCount / (successCount + failureCount) over finished sync runs, 0..1; 0 when none. */
  successRate: Scalars['Float']['output'];
  /** Finished sync runs (TEST runs are not syncs): succeeded, failed or cancelled. */
  totalRuns: Scalars['Int']['output'];
};

/** Whether a connector runs, and how its last check went. */
export type ConnectorStatus =
  /** Runs on schedule and on demand. */
  | 'ACTIVE'
  /** Its last test or run failed; it still runs, to recover. */
  | 'FAILED'
  /** Switched off by an operator; nothing runs until resumed. */
  | 'PAUSED'
  /** A connection test is in progress. */
  | 'TESTING';

/** A new API token. */
export type CreateApiTokenInput = {
  /** What the token is for. */
  name: Scalars['String']['input'];
  /** What it may do. */
  role: Role;
};

/** A new connector. */
export type CreateConnectorInput = {
  /** How it authenticates; must be one the kind accepts. */
  authType: AuthType;
  /** Non-secret settings, validated by the kind's schema. */
  config: Scalars['JSON']['input'];
  /** Write-only secrets for authType, e.g. {apiKey}, {clientId, clientSecret}, {username, password}, {privateKey}. */
  credentials?: InputMaybe<Scalars['JSON']['input']>;
  /** Protocol family; fixed once created. */
  kind: ConnectorKind;
  /** Unique name (case-insensitive). */
  name: Scalars['String']['input'];
  /** Create PAUSED instead of ACTIVE. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
  /** Cron schedule; omitted: on demand only. */
  schedule?: InputMaybe<ScheduleInput>;
  /** Which outside party it reads, e.g. NSDC. */
  sourceEntity: Scalars['String']['input'];
};

/** A new webhook. */
export type CreateWebhookInput = {
  /** The event types it receives (at least one). */
  events: Array<EventType>;
  /** HMAC-SHA256 signing secret; generated and returned once when omitted. */
  secret?: InputMaybe<Scalars['String']['input']>;
  /** Where to POST events: http(s); private addresses need ALLOW_PRIVATE_TARGETS. */
  url: Scalars['String']['input'];
};

/** A credential synced from an issuer. */
export type Credential = Node & {
  __typename?: 'Credential';
  /** Its anchoring batch and proof. */
  anchor: CredentialAnchor;
  /** When the course was completed, when known. */
  completionDate?: Maybe<Scalars['DateTime']['output']>;
  /** The connector that synced it; null once deleted. */
  connector?: Maybe<Connector>;
  /** When the hub first stored it. */
  createdAt: Scalars['DateTime']['output'];
  /** Hash of the canonical credential data (0x-prefixed hex). */
  dataHash: Scalars['String']['output'];
  /** Its id at the issuer. */
  externalId: Scalars['String']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** When the issuer issued it. */
  issuedAt: Scalars['DateTime']['output'];
  /** The issuer it is issued under. */
  issuer: Issuer;
  /** The learner it belongs to; null while UNCLAIMED. */
  learner?: Maybe<Learner>;
  /** The learner it was issued to, as the issuer sent it. */
  learnerEmail: Scalars['String']['output'];
  /** Course hours, when the issuer gives them. */
  maxHours?: Maybe<Scalars['Float']['output']>;
  /** Extra data kept with it. */
  metadata: Scalars['JSON']['output'];
  /** Content identifier (CIDv1) of the certificate PDF, when one was fetched. */
  pdfCid?: Maybe<Scalars['String']['output']>;
  /** Whose it is. */
  status: CredentialStatus;
  /** Course or certificate title. */
  title: Scalars['String']['output'];
  /** Public, unguessable identifier printed on the certificate. */
  uid: Scalars['String']['output'];
};

/** The batch a credential was anchored in, and its proof. */
export type CredentialAnchor = {
  __typename?: 'CredentialAnchor';
  /** When signed, or the block’s time. */
  anchoredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Its block. */
  blockNumber?: Maybe<Scalars['Int']['output']>;
  /** Chain id, when ANCHORED. */
  chainId?: Maybe<Scalars['Int']['output']>;
  /** Root of the batch’s Merkle tree. */
  merkleRoot?: Maybe<Scalars['String']['output']>;
  /** Sibling hashes from leaf to root. */
  proof?: Maybe<Array<Scalars['String']['output']>>;
  /** EIP-191 signature of the root, SIGNED. */
  signature?: Maybe<Scalars['String']['output']>;
  /** PENDING until the batch root is signed or on chain. */
  status: AnchorStatus;
  /** The anchoring transaction. */
  txHash?: Maybe<Scalars['String']['output']>;
};

/** A page of credentials. */
export type CredentialConnection = {
  __typename?: 'CredentialConnection';
  /** The page, in order. */
  edges: Array<CredentialEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many credentials match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One credential in a page, with its cursor. */
export type CredentialEdge = {
  __typename?: 'CredentialEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The credential. */
  node: Credential;
};

/** Which credentials to list; every field narrows. */
export type CredentialFilter = {
  /** Synced by this connector. */
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  /** Issued at or after this instant. */
  issuedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Issued before this instant. */
  issuedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Issued under this issuer. */
  issuerId?: InputMaybe<Scalars['ID']['input']>;
  /** Learner email (case-insensitive). */
  learnerEmail?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive match on uid, external id, learner email or title. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** In this status. */
  status?: InputMaybe<CredentialStatus>;
};

/** Result of issueCredential. */
export type CredentialPayload = {
  __typename?: 'CredentialPayload';
  /** The credential, unless it failed. */
  credential?: Maybe<Credential>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** Whose a credential is. */
export type CredentialStatus =
  /** The learner has an account: the credential is theirs. */
  | 'ISSUED'
  /** Withdrawn by the issuer. */
  | 'REVOKED'
  /** No account with this email yet; claimed automatically at registration. */
  | 'UNCLAIMED';

/** Result of verifyCredential. */
export type CredentialVerification = {
  __typename?: 'CredentialVerification';
  /** Each check that was made and its outcome, e.g. HASH_MATCHES, PROOF_VALID, ANCHOR_FOUND. */
  checks: Array<VerificationCheck>;
  /** The credential, when the uid is known. */
  credential?: Maybe<Credential>;
  /** Every check passed. */
  valid: Scalars['Boolean']['output'];
};

/** Result of a delete. */
export type DeletePayload = {
  __typename?: 'DeletePayload';
  /** Id of the deleted object, unless the call failed. */
  deletedId?: Maybe<Scalars['ID']['output']>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** One event on its way to one target. */
export type Delivery = {
  __typename?: 'Delivery';
  /** Attempts made (replayEvent starts a new series). */
  attempts: Scalars['Int']['output'];
  /** When the target acknowledged it. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the last failed attempt failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When the next attempt is due; null unless PENDING. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it goes: "webhook" or "kafka:<topic>". */
  sink: Scalars['String']['output'];
  /** Where it stands. */
  status: DeliveryStatus;
  /** The webhook it goes to; null for a sink. */
  webhook?: Maybe<Webhook>;
};

/** Where one delivery of an event stands. */
export type DeliveryStatus =
  /** Every attempt failed; waits for replayEvent. */
  | 'DEAD'
  /** The target acknowledged it (a webhook: 2xx within 10 s). */
  | 'DELIVERED'
  /** Given up without a last attempt: its webhook was deleted first. */
  | 'FAILED'
  /** Not delivered yet: waiting for its first attempt or a retry. */
  | 'PENDING';

/** Result of replayEvent. */
export type EventPayload = {
  __typename?: 'EventPayload';
  /** The event, unless the call failed. */
  event?: Maybe<OutboxEvent>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** What happened: the type of an outbox event. */
export type EventType =
  /** A learner's registration claimed a credential. */
  | 'CREDENTIAL_CLAIMED'
  /** A credential was created (key: its course id). */
  | 'CREDENTIAL_ISSUED'
  /** A reconciliation finished. */
  | 'RECONCILIATION_COMPLETED'
  /** A run ended SUCCESS or PARTIAL_SUCCESS. */
  | 'RUN_COMPLETED'
  /** A run ended FAILED. */
  | 'RUN_FAILED';

/** One outside record as the hub holds it: the raw payload the source sent and what it was mapped to. */
export type ExternalRecord = Node & {
  __typename?: 'ExternalRecord';
  /** The connector it came from; null once deleted. */
  connector?: Maybe<Connector>;
  /** When the hub first received it. */
  createdAt: Scalars['DateTime']['output'];
  /** e.g. credential, transaction, settlement, product, order. */
  entityType: Scalars['String']['output'];
  /** What was wrong with it; null when MAPPED. */
  error?: Maybe<Scalars['String']['output']>;
  /** The record's id at its source. */
  externalId: Scalars['String']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** What it was mapped to; null when FAILED. */
  mapped?: Maybe<Scalars['JSON']['output']>;
  /** The record as the source sent it. */
  raw: Scalars['JSON']['output'];
  /** Why it failed; null when MAPPED. */
  reason?: Maybe<SkipReason>;
  /** The run that last received it; null once that run is deleted. */
  run?: Maybe<Run>;
  /** MAPPED (stored in the hub’s tables) or FAILED (kept raw, with its reason). */
  status: RecordStatus;
  /** When the hub last received or re-mapped it. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of records. */
export type ExternalRecordConnection = {
  __typename?: 'ExternalRecordConnection';
  /** The page, in order. */
  edges: Array<ExternalRecordEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many records match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One record in a page, with its cursor. */
export type ExternalRecordEdge = {
  __typename?: 'ExternalRecordEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: ExternalRecord;
};

/** Where a provider pushes records instead of being polled. */
export type InboundWebhook = {
  __typename?: 'InboundWebhook';
  /** When the current signing secret was created or rotated. */
  secretSetAt: Scalars['DateTime']['output'];
  /** Path to POST to, e.g. /webhooks/<connector id>. */
  url: Scalars['String']['output'];
};

/** Result of enabling or rotating an inbound webhook. */
export type InboundWebhookPayload = {
  __typename?: 'InboundWebhookPayload';
  /** The connector as it is now, unless the call failed. */
  connector?: Maybe<Connector>;
  /** The signing secret, returned only when it is created or rotated. */
  secret?: Maybe<Scalars['String']['output']>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** A credential to issue directly, through the synced pipeline’s rules. */
export type IssueCredentialInput = {
  /** When the course was completed. */
  completionDate?: InputMaybe<Scalars['DateTime']['input']>;
  /** Its id at the issuer; unique per issuer. */
  externalId: Scalars['String']['input'];
  /** When it is issued. */
  issuedAt: Scalars['DateTime']['input'];
  /** The issuer to issue it under. */
  issuerId: Scalars['ID']['input'];
  /** The learner’s email. */
  learnerEmail: Scalars['String']['input'];
  /** Course hours. */
  maxHours?: InputMaybe<Scalars['Float']['input']>;
  /** Extra data, part of the hash. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** Course or certificate title. */
  title: Scalars['String']['input'];
};

/** An issuer credentials are issued under. */
export type Issuer = Node & {
  __typename?: 'Issuer';
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Unique name (case-insensitive), e.g. NSDC. */
  name: Scalars['String']['output'];
  /** Short provider id, e.g. nsdc. */
  providerId?: Maybe<Scalars['String']['output']>;
};

/** A registered learner; credentials for their email are theirs. */
export type Learner = Node & {
  __typename?: 'Learner';
  /** When they registered. */
  createdAt: Scalars['DateTime']['output'];
  /** Their credentials, newest first. */
  credentials: CredentialConnection;
  /** Email address, unique case-insensitively. */
  email: Scalars['String']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
};


/** A registered learner; credentials for their email are theirs. */
export type LearnerCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Result of registerLearner. */
export type LearnerPayload = {
  __typename?: 'LearnerPayload';
  /** Credentials that moved from UNCLAIMED to ISSUED. */
  claimed: Array<Credential>;
  /** The new learner, unless the call failed. */
  learner?: Maybe<Learner>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** Severity of a run log entry. */
export type LogLevel =
  /** Detail for diagnosis. */
  | 'DEBUG'
  /** Something failed. */
  | 'ERROR'
  /** Normal progress. */
  | 'INFO'
  /** Something was skipped or retried. */
  | 'WARN';

export type Mutation = {
  __typename?: 'Mutation';
  /** Queues a BACKFILL run over whole days (UTC); the incremental cursor does not move. */
  backfillConnector: RunPayload;
  /** Cancels a queued run at once, or stops a running one at its next page boundary (checkpoint kept). */
  cancelRun: RunPayload;
  /** Creates a token and returns it once. */
  createApiToken: ApiTokenPayload;
  /** Creates a connector; its secrets are stored encrypted. */
  createConnector: ConnectorPayload;
  /** Adds a webhook; its signing secret (given, or generated) is stored sealed and returned only here. */
  createWebhook: WebhookPayload;
  /** Deletes a connector with its runs and secrets; records it synced stay. */
  deleteConnector: DeletePayload;
  /** Deletes a webhook: it receives nothing more; what it had not received ends FAILED. */
  deleteWebhook: DeletePayload;
  /** Stops accepting pushed records; the signing secrets are deleted. */
  disableInboundWebhook: ConnectorPayload;
  /** Creates or rotates the connector's inbound webhook secret; the secret is returned once. */
  enableInboundWebhook: InboundWebhookPayload;
  /** Issues one credential directly; it joins the next anchoring batch. */
  issueCredential: CredentialPayload;
  /** Stops scheduled and manual runs until resumed. */
  pauseConnector: ConnectorPayload;
  /** Registers a learner and claims every UNCLAIMED credential for the email, in one transaction. */
  registerLearner: LearnerPayload;
  /** Re-applies the connector's current mapping rules to its stored raw records (a REMAP run); nothing is fetched. */
  remapRecords: RunPayload;
  /** Sends an event again: its DEAD (and FAILED) deliveries get a new series of attempts; with none, every delivery is sent again. */
  replayEvent: EventPayload;
  /** Makes a paused connector ACTIVE again. */
  resumeConnector: ConnectorPayload;
  /** Queues a RETRY of a FAILED, CANCELLED or PARTIAL_SUCCESS run, from the saved checkpoint. */
  retryRun: RunPayload;
  /** Revokes a token; it is refused from the next request on, and its open WebSockets are closed (4401) in every process. */
  revokeApiToken: ApiTokenPayload;
  /** Queues a MANUAL run and returns at once; progress streams on runProgress. */
  runConnector: RunPayload;
  /** Starts this process's scheduler (other replicas keep their own state); a no-op when running. */
  startScheduler: SchedulerPayload;
  /** Stops this process's scheduler; queued runs stay queued and other replicas keep firing. */
  stopScheduler: SchedulerPayload;
  /** Checks an unsaved config and its credentials; stores nothing (the audit log aside). */
  testConnection: TestConnectionPayload;
  /** Checks reachability and authentication; records a TEST run. */
  testConnector: RunPayload;
  /** Changes a connector; omitted fields stay. */
  updateConnector: ConnectorPayload;
};


export type MutationBackfillConnectorArgs = {
  input: BackfillConnectorInput;
};


export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateApiTokenArgs = {
  input: CreateApiTokenInput;
};


export type MutationCreateConnectorArgs = {
  input: CreateConnectorInput;
};


export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


export type MutationDeleteConnectorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDisableInboundWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEnableInboundWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationIssueCredentialArgs = {
  input: IssueCredentialInput;
};


export type MutationPauseConnectorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRegisterLearnerArgs = {
  email: Scalars['String']['input'];
};


export type MutationRemapRecordsArgs = {
  input: RemapRecordsInput;
};


export type MutationReplayEventArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeConnectorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunConnectorArgs = {
  input: RunConnectorInput;
};


export type MutationTestConnectionArgs = {
  input: TestConnectionInput;
};


export type MutationTestConnectorArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateConnectorArgs = {
  input: UpdateConnectorInput;
};

/** An object with a globally unique, opaque id, fetchable with node(id:). */
export type Node = {
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
};

/** Something that happened, recorded in the transaction of the change it reports. */
export type OutboxEvent = Node & {
  __typename?: 'OutboxEvent';
  /** When it was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** Its deliveries, one per webhook and sink. */
  deliveries: Array<Delivery>;
  /** Globally unique, opaque identifier; also the `id` receivers see. */
  id: Scalars['ID']['output'];
  /** Partition/ordering key, e.g. the courseId for CREDENTIAL_ISSUED. */
  key?: Maybe<Scalars['String']['output']>;
  /** The event's data, as receivers get it. */
  payload: Scalars['JSON']['output'];
  /** What happened. */
  type: EventType;
};

/** A page of events. */
export type OutboxEventConnection = {
  __typename?: 'OutboxEventConnection';
  /** The page, in order. */
  edges: Array<OutboxEventEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many events match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One event in a page, with its cursor. */
export type OutboxEventEdge = {
  __typename?: 'OutboxEventEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: OutboxEvent;
};

/** Where a page of a connection ends, and whether more follow. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A payment gateway's transaction, as a PG_API connector synced it. */
export type PaymentTransaction = Node & {
  __typename?: 'PaymentTransaction';
  /** The amount, exact, e.g. "1250.50". */
  amount: Scalars['Decimal']['output'];
  /** Bank reference (UTR/RRN) the gateway reported; settlements are matched on it. */
  bankReference?: Maybe<Scalars['String']['output']>;
  /** The connector that synced it. */
  connector?: Maybe<Connector>;
  /** When the hub first stored it. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 code, e.g. INR. */
  currency: Scalars['String']['output'];
  /** The reconciliation cycle this transaction belongs to: its date in the connector's time zone. */
  cycleDate: Scalars['Date']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** The gateway's merchant code. */
  merchantCode?: Maybe<Scalars['String']['output']>;
  /** How it was paid, e.g. UPI, CARD. */
  paymentMode?: Maybe<Scalars['String']['output']>;
  /** The run that last wrote it; null once that run is deleted. */
  run?: Maybe<Run>;
  /** The gateway's status, upper-cased, e.g. SUCCESS, FAILED. */
  status: Scalars['String']['output'];
  /** When the transaction happened. */
  txnDate: Scalars['DateTime']['output'];
  /** The gateway's transaction id; unique per connector. */
  txnId: Scalars['String']['output'];
  /** When the hub last changed it. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of transactions. */
export type PaymentTransactionConnection = {
  __typename?: 'PaymentTransactionConnection';
  /** The page, in order. */
  edges: Array<PaymentTransactionEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many transactions match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One transaction in a page, with its cursor. */
export type PaymentTransactionEdge = {
  __typename?: 'PaymentTransactionEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The transaction. */
  node: PaymentTransaction;
};

export type Query = {
  __typename?: 'Query';
  /** Every API token, revoked ones included, newest first. */
  apiTokens: Array<ApiToken>;
  /** Every mutation made, newest first (ADMIN only). */
  auditLog: AuditEntryConnection;
  /** One connector, or null when there is none. */
  connector?: Maybe<Connector>;
  /** Every connector kind and what it can do. */
  connectorKinds: Array<ConnectorKindInfo>;
  /** Connectors, newest first. */
  connectors: ConnectorConnection;
  /** One credential, or null. */
  credential?: Maybe<Credential>;
  /** Credentials, newest first. */
  credentials: CredentialConnection;
  /** Events, newest first, with their deliveries. */
  events: OutboxEventConnection;
  /** Issuers credentials are issued under; one is created for each issuer connector's issuerName. */
  issuers: Array<Issuer>;
  /** The learner with this email (case-insensitive), or null. */
  learner?: Maybe<Learner>;
  /** Any object by its global id; null when there is none. */
  node?: Maybe<Node>;
  /** Records as received and as mapped, for any connector; failed ones can be re-mapped. */
  records: ExternalRecordConnection;
  /** One run, or null when there is none. */
  run?: Maybe<Run>;
  /** Finished sync runs per UTC day by outcome, with records synced, oldest first; every day of the window is listed. */
  runActivity: Array<RunActivityDay>;
  /** Runs of every connector, newest first. */
  runs: RunConnection;
  /** This process's scheduler, the run queue, and the next scheduled runs. */
  scheduler: SchedulerStatus;
  /** Settlements banks reported, newest first. */
  settlements: SettlementConnection;
  /** The ledger of files bank connectors looked at, one row per file per run, newest first. */
  sourceFiles: SourceFileConnection;
  /** Failure rate of runs over 24 h, failing connectors and the delivery queue. */
  syncHealth: SyncHealth;
  /** Gateway transactions, newest first. */
  transactions: PaymentTransactionConnection;
  /** Checks a credential independently: data hash, Merkle proof, anchor, PDF, status. */
  verifyCredential: CredentialVerification;
  /** The caller: its token's name and role (so a client can tell what it may do). */
  viewer: Viewer;
  /** Webhooks that receive events, oldest first. */
  webhooks: Array<Webhook>;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryConnectorArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConnectorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<ConnectorKind>;
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ConnectorStatus>;
};


export type QueryCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CredentialFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  deliveryStatus?: InputMaybe<DeliveryStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<EventType>;
};


export type QueryLearnerArgs = {
  email: Scalars['String']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  connectorId: Scalars['ID']['input'];
  entityType?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<RecordStatus>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunActivityArgs = {
  days?: Scalars['Int']['input'];
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<RunStatus>;
  type?: InputMaybe<RunType>;
};


export type QuerySettlementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SettlementFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySourceFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<SourceFileStatus>;
};


export type QueryTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TransactionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryVerifyCredentialArgs = {
  uid: Scalars['String']['input'];
};

/** Whether an outside record was mapped into the hub’s own tables. */
export type RecordStatus =
  /** Kept raw; mapping failed (see reason and error). Re-mapped by remapRecords. */
  | 'FAILED'
  /** Mapped and stored in the hub's own tables. */
  | 'MAPPED';

/** Which of a connector's stored records to map again. */
export type RemapRecordsInput = {
  /** The connector. */
  connectorId: Scalars['ID']['input'];
  /** Only this entity type, e.g. order; omitted = every type of the connector. */
  entityType?: InputMaybe<Scalars['String']['input']>;
};

/** What an API token may do. */
export type Role =
  /** Everything. */
  | 'ADMIN'
  /** Read, plus test, run, pause, resume, backfill, cancel and retry. */
  | 'OPERATOR'
  /** Read only. */
  | 'VIEWER';

/** One execution of a connector: a sync, a test, a backfill. */
export type Run = Node & {
  __typename?: 'Run';
  /** Figures of this run far from the connector's recent runs (empty when none, or too few runs to judge). */
  anomalies: Array<RunAnomaly>;
  /** 1 for a first run; a retry counts up from the run it retries. */
  attempt: Scalars['Int']['output'];
  /** cancelRun asked this run to stop while RUNNING: it ends CANCELLED at its next page boundary, keeping its checkpoint. */
  cancelRequested: Scalars['Boolean']['output'];
  /** When it ended. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The connector it ran. */
  connector: Connector;
  /** Seconds from start to end; null until it ends. */
  durationSeconds?: Maybe<Scalars['Float']['output']>;
  /** Why it failed; null unless FAILED. */
  errorMessage?: Maybe<Scalars['String']['output']>;
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Its log, oldest first. */
  logs: RunLogConnection;
  /** Phase, records processed, rate and ETA; final figures once it ended. */
  progress: RunProgress;
  /** The cron tick it was started for (SCHEDULED runs). */
  scheduledFor?: Maybe<Scalars['DateTime']['output']>;
  /** Records this run skipped or failed, each with its reason; kept for replay. */
  skippedRecords: SkippedRecordConnection;
  /** When a worker started it. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Its record and page counters. */
  stats: RunStats;
  /** Where it is in its life. */
  status: RunStatus;
  /** Who or what started it: "admin", "token:<name>", "scheduler". */
  triggeredBy: Scalars['String']['output'];
  /** What started it. */
  type: RunType;
  /** The window it was limited to; null for an incremental run. */
  window?: Maybe<RunWindow>;
};


/** One execution of a connector: a sync, a test, a backfill. */
export type RunLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<LogLevel>;
  search?: InputMaybe<Scalars['String']['input']>;
};


/** One execution of a connector: a sync, a test, a backfill. */
export type RunSkippedRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  reason?: InputMaybe<SkipReason>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** Finished sync runs of one UTC day (TEST runs not counted). */
export type RunActivityDay = {
  __typename?: 'RunActivityDay';
  /** Runs that ended CANCELLED. */
  cancelled: Scalars['Int']['output'];
  /** The day (UTC) the runs ended. */
  day: Scalars['Date']['output'];
  /** Runs that ended FAILED. */
  failed: Scalars['Int']['output'];
  /** Runs that ended PARTIAL_SUCCESS. */
  partial: Scalars['Int']['output'];
  /** Records created or updated by those runs. */
  recordsSynced: Scalars['Float']['output'];
  /** Runs that ended SUCCESS. */
  succeeded: Scalars['Int']['output'];
};

/** A figure of this run far outside what the connector's recent runs showed. */
export type RunAnomaly = {
  __typename?: 'RunAnomaly';
  /** High end of the usual band (median + k·MAD of recent runs). */
  expectedHigh: Scalars['Float']['output'];
  /** Low end of the usual band (median − k·MAD of recent runs). */
  expectedLow: Scalars['Float']['output'];
  /** The finding in words, e.g. "fetched 12 records; the last 20 runs fetched 11,800–12,600". */
  message: Scalars['String']['output'];
  /** recordsFetched, recordsSkipped, recordsSkipped.<REASON> (one skip reason) or durationSeconds. */
  metric: Scalars['String']['output'];
  /** This run's figure. */
  value: Scalars['Float']['output'];
};

/** A page of runs. */
export type RunConnection = {
  __typename?: 'RunConnection';
  /** The page, in order. */
  edges: Array<RunEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many runs match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A manual run of one connector. */
export type RunConnectorInput = {
  /** Sync only records changed in this window; omitted = incremental from the saved cursor. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** The connector. */
  id: Scalars['ID']['input'];
  /** End of the window (inclusive). */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One run in a page, with its cursor. */
export type RunEdge = {
  __typename?: 'RunEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The run. */
  node: Run;
};

/** A page of run log entrys. */
export type RunLogConnection = {
  __typename?: 'RunLogConnection';
  /** The page, in order. */
  edges: Array<RunLogEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many run log entrys match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One run log entry in a page, with its cursor. */
export type RunLogEdge = {
  __typename?: 'RunLogEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The run log entry. */
  node: RunLogEntry;
};

/** One line of a run's log. */
export type RunLogEntry = {
  __typename?: 'RunLogEntry';
  /** When it was written. */
  at: Scalars['DateTime']['output'];
  /** Structured detail (never secrets). */
  data?: Maybe<Scalars['JSON']['output']>;
  /** External id of the record concerned, when there is one. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** Severity. */
  level: LogLevel;
  /** What happened, in words. */
  message: Scalars['String']['output'];
};

/** Result of a mutation that starts or changes a run. */
export type RunPayload = {
  __typename?: 'RunPayload';
  /** The run, unless the call failed. */
  run?: Maybe<Run>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** What a run is doing right now. */
export type RunPhase =
  /** Anchoring issued credentials. */
  | 'ANCHORING'
  /** Signing in to the source. */
  | 'AUTHENTICATING'
  /** Ended, whatever the outcome. */
  | 'DONE'
  /** Reading pages from the source. */
  | 'FETCHING'
  /** Writing the outcome and statistics. */
  | 'FINALIZING'
  /** Normalizing, validating and storing records. */
  | 'PROCESSING'
  /** Waiting for a worker. */
  | 'QUEUED';

/** Where a run stands: phase, records processed, rate and ETA. */
export type RunProgress = {
  __typename?: 'RunProgress';
  /** Seconds left at the current rate; null unless recordsTotal is known and the rate is above 0. */
  etaSeconds?: Maybe<Scalars['Float']['output']>;
  /** 0..1 when recordsTotal is known. */
  fraction?: Maybe<Scalars['Float']['output']>;
  /** What the run is doing right now. */
  phase: RunPhase;
  /** Records processed per second since the run started; 0 before it starts. */
  ratePerSecond: Scalars['Float']['output'];
  /** Records created, updated, skipped or failed so far. */
  recordsProcessed: Scalars['Int']['output'];
  /** Known only when the source reports a total. */
  recordsTotal?: Maybe<Scalars['Int']['output']>;
};

/** A live update of one run: its progress, counters and status. */
export type RunProgressEvent = {
  __typename?: 'RunProgressEvent';
  /** When the update was made. */
  at: Scalars['DateTime']['output'];
  /** Phase, records processed, rate and ETA. */
  progress: RunProgress;
  /** The run, as it is now. */
  run: Run;
  /** Its counters as they stand. */
  stats: RunStats;
  /** Its status when the update was made. */
  status: RunStatus;
};

/** A run's record and page counters. */
export type RunStats = {
  __typename?: 'RunStats';
  /** Pages read from the source. */
  pagesFetched: Scalars['Int']['output'];
  /** Records stored for the first time. */
  recordsCreated: Scalars['Int']['output'];
  /** Records that could not be stored. */
  recordsFailed: Scalars['Int']['output'];
  /** Records read from the source. */
  recordsFetched: Scalars['Int']['output'];
  /** Records not stored, each with a reason (see skipped). */
  recordsSkipped: Scalars['Int']['output'];
  /** Records that changed an existing row. */
  recordsUpdated: Scalars['Int']['output'];
  /** Skipped records counted by reason (reasons with none left out). */
  skipped: Array<SkipCount>;
};

/** Where a run is in its life. */
export type RunStatus =
  /** Stopped by cancelRun at a page boundary. */
  | 'CANCELLED'
  /** The run itself could not finish; see errorMessage. */
  | 'FAILED'
  /** Finished, but some records failed to be stored. */
  | 'PARTIAL_SUCCESS'
  /** Waiting for a worker. */
  | 'QUEUED'
  /** A worker is executing it. */
  | 'RUNNING'
  /** Finished; every record was stored or skipped with a reason. */
  | 'SUCCESS';

/** What started a run. */
export type RunType =
  /** backfillConnector: a date window, cursor untouched. */
  | 'BACKFILL'
  /** runConnector. */
  | 'MANUAL'
  /** Stored raw records mapped again with the current rules; nothing fetched. */
  | 'REMAP'
  /** retryRun: a failed run again, from its checkpoint. */
  | 'RETRY'
  /** A tick of the connector's cron schedule. */
  | 'SCHEDULED'
  /** testConnector: a reachability and authentication check. */
  | 'TEST'
  /** Records pushed by the source to the inbound webhook. */
  | 'WEBHOOK';

/** The records a run was limited to. */
export type RunWindow = {
  __typename?: 'RunWindow';
  /** Start (inclusive); null = from the beginning. */
  from?: Maybe<Scalars['DateTime']['output']>;
  /** End (inclusive); null = up to now. */
  to?: Maybe<Scalars['DateTime']['output']>;
};

/** When a connector runs on its own. */
export type Schedule = {
  __typename?: 'Schedule';
  /** Five- or six-field cron expression; null when the connector only runs on demand. */
  cron?: Maybe<Scalars['String']['output']>;
  /** True when the scheduler starts runs from the cron expression. */
  enabled: Scalars['Boolean']['output'];
  /** Next time the scheduler will start a run; null when disabled or paused. */
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
  /** IANA time zone the cron is evaluated in, e.g. Asia/Kolkata. */
  timezone: Scalars['String']['output'];
};

/** When a connector runs on its own. */
export type ScheduleInput = {
  /** Five- or six-field cron (six: with seconds). */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** Start runs from the cron expression. */
  enabled: Scalars['Boolean']['input'];
  /** IANA time zone for the cron. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** Result of starting or stopping the scheduler. */
export type SchedulerPayload = {
  __typename?: 'SchedulerPayload';
  /** This process's scheduler as it is now. */
  scheduler: SchedulerStatus;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
};

/** The cron scheduler of the process that answers, and the run queue every replica's scheduler feeds. */
export type SchedulerStatus = {
  __typename?: 'SchedulerStatus';
  /** Runs RUNNING now, across every replica. */
  activeRuns: Scalars['Int']['output'];
  /** This process's identity; several may share one database. */
  instanceId: Scalars['String']['output'];
  /** Runs QUEUED and waiting for a worker. */
  queuedRuns: Scalars['Int']['output'];
  /** True while this process's scheduler fires cron ticks. */
  running: Scalars['Boolean']['output'];
  /** When this process's scheduler was started; null while it is stopped. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The next fire time of each scheduled connector (not PAUSED, schedule enabled), soonest first. */
  upcoming: Array<UpcomingRun>;
};


/** The cron scheduler of the process that answers, and the run queue every replica's scheduler feeds. */
export type SchedulerStatusUpcomingArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One settlement a bank reported. */
export type Settlement = Node & {
  __typename?: 'Settlement';
  /** The amount settled, exact. */
  amount: Scalars['Decimal']['output'];
  /** Bank reference (UTR/RRN). */
  bankReference: Scalars['String']['output'];
  /** The connector that synced it; null once deleted. */
  connector?: Maybe<Connector>;
  /** When it was first stored. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 currency code. */
  currency: Scalars['String']['output'];
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Its line in the file it came from (BANK_SFTP). */
  lineNumber?: Maybe<Scalars['Int']['output']>;
  /** The run that last wrote it. */
  run?: Maybe<Run>;
  /** The file it came from (BANK_SFTP): the ledger row of the version it was last ingested in. */
  sourceFile?: Maybe<SourceFile>;
  /** The gateway transaction id, when the bank reports it. */
  txnId?: Maybe<Scalars['String']['output']>;
  /** The date the bank settled it. */
  valueDate: Scalars['Date']['output'];
};

/** A page of settlements. */
export type SettlementConnection = {
  __typename?: 'SettlementConnection';
  /** The page, in order. */
  edges: Array<SettlementEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many settlements match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One settlement in a page, with its cursor. */
export type SettlementEdge = {
  __typename?: 'SettlementEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The settlement. */
  node: Settlement;
};

/** Narrows a settlement list. */
export type SettlementFilter = {
  /** Only this connector’s settlements. */
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  /** Exact bankReference or txnId. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only this value date. */
  valueDate?: InputMaybe<Scalars['Date']['input']>;
};

/** How many records of a run were skipped for one reason. */
export type SkipCount = {
  __typename?: 'SkipCount';
  /** How many records were skipped for it. */
  count: Scalars['Int']['output'];
  /** Why they were skipped. */
  reason: SkipReason;
};

/** Why a record was not stored. */
export type SkipReason =
  /** Another record of the same run or source already has its identity. */
  | 'DUPLICATE'
  /** Its hours exceed the maximum allowed. */
  | 'HOURS_EXCEEDED'
  /** It failed validation (missing or malformed fields). */
  | 'INVALID_RECORD'
  /** Its issuer is not known to the hub. */
  | 'ISSUER_NOT_FOUND'
  /** It could not be mapped to the canonical shape. */
  | 'MAPPING_FAILED'
  /** The record could not be stored (e.g. a constraint or a downstream failure); counted in recordsFailed. */
  | 'PROCESSING_FAILED'
  /** The source could not confirm it. */
  | 'VERIFICATION_FAILED';

/** A record a run skipped or failed to store, with its reason. */
export type SkippedRecord = {
  __typename?: 'SkippedRecord';
  /** When it was decided. */
  at: Scalars['DateTime']['output'];
  /** The record's id at the source, when it had one. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** The detail, in words. */
  message: Scalars['String']['output'];
  /** The record as the source sent it (secrets never included). */
  raw?: Maybe<Scalars['JSON']['output']>;
  /** Why it was not stored. */
  reason: SkipReason;
};

/** A page of skipped records. */
export type SkippedRecordConnection = {
  __typename?: 'SkippedRecordConnection';
  /** The page, in order. */
  edges: Array<SkippedRecordEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many skipped records match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One skipped record in a page, with its cursor. */
export type SkippedRecordEdge = {
  __typename?: 'SkippedRecordEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The skipped record. */
  node: SkippedRecord;
};

/** A file read from a bank's drop folder, kept as a ledger so a file is never ingested twice. */
export type SourceFile = Node & {
  __typename?: 'SourceFile';
  /** The connector whose run looked at it. */
  connector: Connector;
  /** When the run looked at it. */
  createdAt: Scalars['DateTime']['output'];
  /** The cycle date it was read for. */
  cycleDate?: Maybe<Scalars['Date']['output']>;
  /** Why it was rejected, or what changed since the last version. */
  detail?: Maybe<Scalars['String']['output']>;
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** The file name in the drop folder. */
  name: Scalars['String']['output'];
  /** Data rows read (header excluded). */
  rows: Scalars['Int']['output'];
  /** The run that looked at it. */
  run?: Maybe<Run>;
  /** The file's SHA-256 (hex); empty when it was rejected unread. */
  sha256: Scalars['String']['output'];
  /** Size in bytes. */
  sizeBytes: Scalars['Float']['output'];
  /** What the run did with it. */
  status: SourceFileStatus;
};

/** A page of source files. */
export type SourceFileConnection = {
  __typename?: 'SourceFileConnection';
  /** The page, in order. */
  edges: Array<SourceFileEdge>;
  /** Whether more follow, and where to continue. */
  pageInfo: PageInfo;
  /** How many source files match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One source file in a page, with its cursor. */
export type SourceFileEdge = {
  __typename?: 'SourceFileEdge';
  /** Opaque cursor of this edge, for `after`. */
  cursor: Scalars['String']['output'];
  /** The source file. */
  node: SourceFile;
};

/** What a run did with a file it looked at. */
export type SourceFileStatus =
  /** Parsed and stored. */
  | 'INGESTED'
  /** Refused as a whole (checksum mismatch, unreadable, wrong header): nothing stored from it. */
  | 'REJECTED'
  /** Same name and SHA-256 as a file already ingested: not read again. */
  | 'UNCHANGED';

export type Subscription = {
  __typename?: 'Subscription';
  /** Emitted when a connector is created, changed, paused, resumed, tested, or one of its runs ends; not when it is deleted. */
  connectorUpdated: Connector;
  /** Progress of one run, or of every run of one connector, or of all runs. */
  runProgress: RunProgressEvent;
  /** Emitted on every run status change, and when a running run is asked to cancel (cancelRequested). */
  runUpdated: Run;
  /** This process's scheduler and the run queue, whenever a scheduler starts or stops, a run is queued, or a run's status changes. */
  schedulerUpdated: SchedulerStatus;
};


export type SubscriptionConnectorUpdatedArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionRunProgressArgs = {
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionRunUpdatedArgs = {
  connectorId?: InputMaybe<Scalars['ID']['input']>;
};

/** How syncing and event delivery are doing (the seed's health check). */
export type SyncHealth = {
  __typename?: 'SyncHealth';
  /** Deliveries that used every attempt (replayEvent retries them). */
  deadDeliveries: Scalars['Int']['output'];
  /** Connectors whose last sync failed. */
  failedConnectors: Array<Connector>;
  /** Failed runs / finished runs over the last 24 hours, 0..1. */
  failureRate: Scalars['Float']['output'];
  /** True when at most 10 % of runs failed in 24 h, no connector is FAILED and no delivery is DEAD. */
  healthy: Scalars['Boolean']['output'];
  /** One line saying how things are. */
  message: Scalars['String']['output'];
  /** Deliveries not delivered yet. */
  pendingDeliveries: Scalars['Int']['output'];
};

/** An unsaved connector configuration to test. */
export type TestConnectionInput = {
  /** How it authenticates; must be one the kind accepts. */
  authType: AuthType;
  /** Non-secret settings, validated by the kind's schema. */
  config: Scalars['JSON']['input'];
  /** An existing connector of the same kind and auth type whose stored secrets stand in for omitted credentials (testing an edit before saving it). */
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  /** Secrets for authType; omitted with connectorId: that connector’s stored secrets are used. */
  credentials?: InputMaybe<Scalars['JSON']['input']>;
  /** Protocol family. */
  kind: ConnectorKind;
  /** The source entity, for config defaults derived from it (e.g. issuerName). */
  sourceEntity?: InputMaybe<Scalars['String']['input']>;
};

/** How a connection test of an unsaved configuration went. */
export type TestConnectionPayload = {
  __typename?: 'TestConnectionPayload';
  /** How long the test took, in seconds. */
  durationSeconds: Scalars['Float']['output'];
  /** What the test found, or why it failed (never a secret). */
  message: Scalars['String']['output'];
  /** True when the source was reached and accepted the credentials. */
  ok: Scalars['Boolean']['output'];
  /** Input that could not be tested (bad config or credentials); empty otherwise. */
  userErrors: Array<UserError>;
};

/** Narrows the transactions list; all given fields must match. */
export type TransactionFilter = {
  /** Only this connector’s transactions. */
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only this cycle date. */
  cycleDate?: InputMaybe<Scalars['Date']['input']>;
  /** Only this merchant code (exact). */
  merchantCode?: InputMaybe<Scalars['String']['input']>;
  /** Exact txnId or bankReference. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only this gateway status (compared upper-cased). */
  status?: InputMaybe<Scalars['String']['input']>;
};

/** The next scheduled run of one connector. */
export type UpcomingRun = {
  __typename?: 'UpcomingRun';
  /** When its cron next fires, evaluated in the connector's time zone. */
  at: Scalars['DateTime']['output'];
  /** The connector that will run. */
  connector: Connector;
};

/** Changes to a connector; omitted fields stay as they are. */
export type UpdateConnectorInput = {
  /** New auth type; needs credentials of its shape. */
  authType?: InputMaybe<AuthType>;
  /** Replaces the whole config (validated, defaults filled). */
  config?: InputMaybe<Scalars['JSON']['input']>;
  /** Replaces the stored secrets when given; omitted keeps them. */
  credentials?: InputMaybe<Scalars['JSON']['input']>;
  /** The connector to change. */
  id: Scalars['ID']['input'];
  /** New unique name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Replaces the schedule. */
  schedule?: InputMaybe<ScheduleInput>;
  /** New source party. */
  sourceEntity?: InputMaybe<Scalars['String']['input']>;
};

/** An expected failure of a mutation, returned as data. */
export type UserError = {
  __typename?: 'UserError';
  /** Machine-readable kind of failure. */
  code: UserErrorCode;
  /** Path to the input field at fault, e.g. ["input", "schedule", "cron"]. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What is wrong, in words fit to show the user. */
  message: Scalars['String']['output'];
};

/** Why a mutation refused its input. */
export type UserErrorCode =
  /** It clashes with an existing object (e.g. a duplicate name). */
  | 'CONFLICT'
  /** Not allowed for this caller. */
  | 'FORBIDDEN'
  /** A field failed validation. */
  | 'INVALID_INPUT'
  /** The object is not in a state that allows this. */
  | 'INVALID_STATE'
  /** The object named does not exist. */
  | 'NOT_FOUND';

/** One check made by verifyCredential. */
export type VerificationCheck = {
  __typename?: 'VerificationCheck';
  /** Why not, or what was found. */
  detail?: Maybe<Scalars['String']['output']>;
  /** HASH_MATCHES, PROOF_VALID, SIGNATURE_VALID, ANCHOR_FOUND, ... */
  name: Scalars['String']['output'];
  /** Whether it held. */
  passed: Scalars['Boolean']['output'];
};

/** Who is calling: the bearer token of this request. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The token's name as used in triggeredBy: "admin" or "token:<name>". */
  name: Scalars['String']['output'];
  /** What the token may do. */
  role: Role;
};

/** A URL that receives events, signed. */
export type Webhook = Node & {
  __typename?: 'Webhook';
  /** False once deleted: it receives nothing more. */
  active: Scalars['Boolean']['output'];
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The event types it receives. */
  events: Array<EventType>;
  /** Globally unique, opaque identifier. */
  id: Scalars['ID']['output'];
  /** Where events are POSTed (http or https). */
  url: Scalars['String']['output'];
};

/** Result of createWebhook. */
export type WebhookPayload = {
  __typename?: 'WebhookPayload';
  /** The signing secret, returned only by createWebhook. */
  secret?: Maybe<Scalars['String']['output']>;
  /** Expected failures; empty on success. */
  userErrors: Array<UserError>;
  /** The webhook, unless the call failed. */
  webhook?: Maybe<Webhook>;
};

export type SyncHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type SyncHealthQuery = { __typename?: 'Query', syncHealth: { __typename?: 'SyncHealth', healthy: boolean, failureRate: number, pendingDeliveries: number, deadDeliveries: number, message: string } };

export type ConnectorInboundWebhookQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectorInboundWebhookQuery = { __typename?: 'Query', connector?: { __typename?: 'Connector', id: string, inboundWebhook?: { __typename?: 'InboundWebhook', url: string, secretSetAt: string } | null } | null };

export type EnableInboundWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type EnableInboundWebhookMutation = { __typename?: 'Mutation', enableInboundWebhook: { __typename?: 'InboundWebhookPayload', secret?: string | null, connector?: { __typename?: 'Connector', id: string, inboundWebhook?: { __typename?: 'InboundWebhook', url: string, secretSetAt: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', message: string }> } };

export type DisableInboundWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DisableInboundWebhookMutation = { __typename?: 'Mutation', disableInboundWebhook: { __typename?: 'ConnectorPayload', connector?: { __typename?: 'Connector', id: string, inboundWebhook?: { __typename?: 'InboundWebhook', url: string, secretSetAt: string } | null } | null, userErrors: Array<{ __typename?: 'UserError', message: string }> } };

export type AuditLogQueryVariables = Exact<{
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditLogQuery = { __typename?: 'Query', auditLog: { __typename?: 'AuditEntryConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'AuditEntryEdge', node: { __typename?: 'AuditEntry', id: string, at: string, actor: string, role: Role, action: string, targetId?: string | null, input?: unknown | null, outcome: string } }> } };

export type EventsQueryVariables = Exact<{
  type?: InputMaybe<EventType>;
  deliveryStatus?: InputMaybe<DeliveryStatus>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EventsQuery = { __typename?: 'Query', events: { __typename?: 'OutboxEventConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'OutboxEventEdge', node: { __typename?: 'OutboxEvent', id: string, type: EventType, key?: string | null, payload: unknown, createdAt: string, deliveries: Array<{ __typename?: 'Delivery', sink: string, status: DeliveryStatus, attempts: number, lastError?: string | null, nextAttemptAt?: string | null, deliveredAt?: string | null, webhook?: { __typename?: 'Webhook', id: string, url: string } | null }> } }> } };

export type ReplayEventMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReplayEventMutation = { __typename?: 'Mutation', replayEvent: { __typename?: 'EventPayload', event?: { __typename?: 'OutboxEvent', id: string, deliveries: Array<{ __typename?: 'Delivery', sink: string, status: DeliveryStatus, attempts: number, lastError?: string | null, nextAttemptAt?: string | null, deliveredAt?: string | null }> } | null, userErrors: Array<{ __typename?: 'UserError', code: UserErrorCode, message: string }> } };

export type SettlementsQueryVariables = Exact<{
  filter?: InputMaybe<SettlementFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SettlementsQuery = { __typename?: 'Query', settlements: { __typename?: 'SettlementConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SettlementEdge', node: { __typename?: 'Settlement', id: string, bankReference: string, amount: string, currency: string, valueDate: string, txnId?: string | null, lineNumber?: number | null, sourceFile?: { __typename?: 'SourceFile', id: string, name: string } | null, connector?: { __typename?: 'Connector', id: string, name: string } | null } }> } };

export type BankConnectorsQueryVariables = Exact<{ [key: string]: never; }>;


export type BankConnectorsQuery = { __typename?: 'Query', sftp: { __typename?: 'ConnectorConnection', edges: Array<{ __typename?: 'ConnectorEdge', node: { __typename?: 'Connector', id: string, name: string } }> }, api: { __typename?: 'ConnectorConnection', edges: Array<{ __typename?: 'ConnectorEdge', node: { __typename?: 'Connector', id: string, name: string } }> } };

export type SourceFilesQueryVariables = Exact<{
  connectorId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SourceFilesQuery = { __typename?: 'Query', sourceFiles: { __typename?: 'SourceFileConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SourceFileEdge', node: { __typename?: 'SourceFile', id: string, name: string, status: SourceFileStatus, rows: number, sizeBytes: number, cycleDate?: string | null, detail?: string | null, createdAt: string, run?: { __typename?: 'Run', id: string } | null } }> } };

export type ShopRecordsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ShopRecordsQuery = { __typename?: 'Query', connector?: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, config: unknown } | null, productsMapped: { __typename?: 'ExternalRecordConnection', totalCount: number }, productsFailed: { __typename?: 'ExternalRecordConnection', totalCount: number }, ordersMapped: { __typename?: 'ExternalRecordConnection', totalCount: number }, ordersFailed: { __typename?: 'ExternalRecordConnection', totalCount: number }, failed: { __typename?: 'ExternalRecordConnection', edges: Array<{ __typename?: 'ExternalRecordEdge', node: { __typename?: 'ExternalRecord', id: string, entityType: string, externalId: string, reason?: SkipReason | null, error?: string | null, updatedAt: string } }> } };

export type SaveMappingRulesMutationVariables = Exact<{
  input: UpdateConnectorInput;
}>;


export type SaveMappingRulesMutation = { __typename?: 'Mutation', updateConnector: { __typename?: 'ConnectorPayload', connector?: { __typename?: 'Connector', id: string, config: unknown } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string }> } };

export type RemapRecordsMutationVariables = Exact<{
  input: RemapRecordsInput;
}>;


export type RemapRecordsMutation = { __typename?: 'Mutation', remapRecords: { __typename?: 'RunPayload', run?: { __typename?: 'Run', id: string, status: RunStatus } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string }> } };

export type TransactionsQueryVariables = Exact<{
  filter?: InputMaybe<TransactionFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TransactionsQuery = { __typename?: 'Query', transactions: { __typename?: 'PaymentTransactionConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'PaymentTransactionEdge', node: { __typename?: 'PaymentTransaction', id: string, txnId: string, merchantCode?: string | null, amount: string, currency: string, status: string, txnDate: string, cycleDate: string, bankReference?: string | null, paymentMode?: string | null, connector?: { __typename?: 'Connector', id: string, name: string } | null } }> } };

export type GatewayConnectorsQueryVariables = Exact<{ [key: string]: never; }>;


export type GatewayConnectorsQuery = { __typename?: 'Query', connectors: { __typename?: 'ConnectorConnection', edges: Array<{ __typename?: 'ConnectorEdge', node: { __typename?: 'Connector', id: string, name: string } }> } };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { __typename?: 'Query', webhooks: Array<{ __typename?: 'Webhook', id: string, url: string, events: Array<EventType>, active: boolean, createdAt: string }> };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type CreateWebhookMutation = { __typename?: 'Mutation', createWebhook: { __typename?: 'WebhookPayload', secret?: string | null, webhook?: { __typename?: 'Webhook', id: string, url: string, events: Array<EventType>, active: boolean, createdAt: string } | null, userErrors: Array<{ __typename?: 'UserError', code: UserErrorCode, field?: Array<string> | null, message: string }> } };

export type DeleteWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteWebhookMutation = { __typename?: 'Mutation', deleteWebhook: { __typename?: 'DeletePayload', deletedId?: string | null, userErrors: Array<{ __typename?: 'UserError', code: UserErrorCode, message: string }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', name: string, role: Role } };

export type UserErrorFieldsFragment = { __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode };

export type ConnectorFieldsFragment = { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null };

export type ConnectorKindsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConnectorKindsQuery = { __typename?: 'Query', connectorKinds: Array<{ __typename?: 'ConnectorKindInfo', kind: ConnectorKind, authTypes: Array<AuthType>, canTest: boolean, canSync: boolean, canBackfill: boolean, canSchedule: boolean, canPush: boolean, configSchema: unknown }> };

export type TestConnectionMutationVariables = Exact<{
  input: TestConnectionInput;
}>;


export type TestConnectionMutation = { __typename?: 'Mutation', testConnection: { __typename?: 'TestConnectionPayload', ok: boolean, message: string, durationSeconds: number, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ConnectorsQueryVariables = Exact<{
  status?: InputMaybe<ConnectorStatus>;
  search?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConnectorsQuery = { __typename?: 'Query', connectors: { __typename?: 'ConnectorConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ConnectorEdge', node: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } }> } };

export type ConnectorQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectorQuery = { __typename?: 'Query', connector?: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } | null };

export type ConnectorUpdatedSubscriptionVariables = Exact<{
  id?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ConnectorUpdatedSubscription = { __typename?: 'Subscription', connectorUpdated: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } };

export type ProgressEventFieldsFragment = { __typename?: 'RunProgressEvent', status: RunStatus, at: string, progress: { __typename?: 'RunProgress', phase: RunPhase, recordsProcessed: number, recordsTotal?: number | null, fraction?: number | null, ratePerSecond: number, etaSeconds?: number | null }, stats: { __typename?: 'RunStats', recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number, skipped: Array<{ __typename?: 'SkipCount', reason: SkipReason, count: number }> }, run: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, connector: { __typename?: 'Connector', id: string, name: string } } };

export type RunProgressSubscriptionVariables = Exact<{
  runId?: InputMaybe<Scalars['ID']['input']>;
  connectorId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type RunProgressSubscription = { __typename?: 'Subscription', runProgress: { __typename?: 'RunProgressEvent', status: RunStatus, at: string, progress: { __typename?: 'RunProgress', phase: RunPhase, recordsProcessed: number, recordsTotal?: number | null, fraction?: number | null, ratePerSecond: number, etaSeconds?: number | null }, stats: { __typename?: 'RunStats', recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number, skipped: Array<{ __typename?: 'SkipCount', reason: SkipReason, count: number }> }, run: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, connector: { __typename?: 'Connector', id: string, name: string } } } };

export type CreateConnectorMutationVariables = Exact<{
  input: CreateConnectorInput;
}>;


export type CreateConnectorMutation = { __typename?: 'Mutation', createConnector: { __typename?: 'ConnectorPayload', connector?: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type UpdateConnectorMutationVariables = Exact<{
  input: UpdateConnectorInput;
}>;


export type UpdateConnectorMutation = { __typename?: 'Mutation', updateConnector: { __typename?: 'ConnectorPayload', connector?: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DeleteConnectorMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteConnectorMutation = { __typename?: 'Mutation', deleteConnector: { __typename?: 'DeletePayload', deletedId?: string | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type PauseConnectorMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PauseConnectorMutation = { __typename?: 'Mutation', pauseConnector: { __typename?: 'ConnectorPayload', connector?: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ResumeConnectorMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResumeConnectorMutation = { __typename?: 'Mutation', resumeConnector: { __typename?: 'ConnectorPayload', connector?: { __typename?: 'Connector', id: string, name: string, kind: ConnectorKind, sourceEntity: string, status: ConnectorStatus, authType: AuthType, config: unknown, hasCredentials: boolean, credentialsUpdatedAt?: string | null, updatedAt: string, schedule: { __typename?: 'Schedule', enabled: boolean, cron?: string | null, timezone: string, nextRunAt?: string | null }, stats: { __typename?: 'ConnectorStats', totalRuns: number, successCount: number, failureCount: number, cancelledCount: number, successRate: number }, lastRun?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, message: string }>, stats: { __typename?: 'RunStats', recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, lastTest?: { __typename?: 'Run', id: string, status: RunStatus, startedAt?: string | null, completedAt?: string | null, errorMessage?: string | null } | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type TestConnectorMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TestConnectorMutation = { __typename?: 'Mutation', testConnector: { __typename?: 'RunPayload', run?: { __typename?: 'Run', id: string, status: RunStatus, errorMessage?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RunConnectorMutationVariables = Exact<{
  input: RunConnectorInput;
}>;


export type RunConnectorMutation = { __typename?: 'Mutation', runConnector: { __typename?: 'RunPayload', run?: { __typename?: 'Run', id: string, status: RunStatus } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type BackfillConnectorMutationVariables = Exact<{
  input: BackfillConnectorInput;
}>;


export type BackfillConnectorMutation = { __typename?: 'Mutation', backfillConnector: { __typename?: 'RunPayload', run?: { __typename?: 'Run', id: string, status: RunStatus } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RunRowFieldsFragment = { __typename?: 'Run', id: string, type: RunType, status: RunStatus, attempt: number, startedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, errorMessage?: string | null, triggeredBy: string, stats: { __typename?: 'RunStats', recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } };

export type ConnectorRunsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RunStatus>;
  type?: InputMaybe<RunType>;
  types?: InputMaybe<Array<RunType> | RunType>;
}>;


export type ConnectorRunsQuery = { __typename?: 'Query', connector?: { __typename?: 'Connector', id: string, name: string, runs: { __typename?: 'RunConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'RunEdge', node: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, attempt: number, startedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, errorMessage?: string | null, triggeredBy: string, stats: { __typename?: 'RunStats', recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } }> } } | null };

export type RunDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunDetailQuery = { __typename?: 'Query', run?: { __typename?: 'Run', scheduledFor?: string | null, id: string, type: RunType, status: RunStatus, attempt: number, startedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, errorMessage?: string | null, triggeredBy: string, window?: { __typename?: 'RunWindow', from?: string | null, to?: string | null } | null, connector: { __typename?: 'Connector', id: string, name: string }, anomalies: Array<{ __typename?: 'RunAnomaly', metric: string, value: number, expectedLow: number, expectedHigh: number, message: string }>, progress: { __typename?: 'RunProgress', phase: RunPhase, recordsProcessed: number, recordsTotal?: number | null, fraction?: number | null, ratePerSecond: number, etaSeconds?: number | null }, stats: { __typename?: 'RunStats', pagesFetched: number, recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number, skipped: Array<{ __typename?: 'SkipCount', reason: SkipReason, count: number }> } } | null };

export type RunSkippedQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  reason?: InputMaybe<SkipReason>;
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type RunSkippedQuery = { __typename?: 'Query', run?: { __typename?: 'Run', id: string, skippedRecords: { __typename?: 'SkippedRecordConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SkippedRecordEdge', cursor: string, node: { __typename?: 'SkippedRecord', externalId?: string | null, reason: SkipReason, message: string, at: string } }> } } | null };

export type RunLogQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  level?: InputMaybe<LogLevel>;
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type RunLogQuery = { __typename?: 'Query', run?: { __typename?: 'Run', id: string, logs: { __typename?: 'RunLogConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'RunLogEdge', cursor: string, node: { __typename?: 'RunLogEntry', at: string, level: LogLevel, message: string, externalId?: string | null } }> } } | null };

export type RunUpdatedSubscriptionVariables = Exact<{
  connectorId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type RunUpdatedSubscription = { __typename?: 'Subscription', runUpdated: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, attempt: number, startedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, errorMessage?: string | null, triggeredBy: string, stats: { __typename?: 'RunStats', recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } };

export type CancelRunMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelRunMutation = { __typename?: 'Mutation', cancelRun: { __typename?: 'RunPayload', run?: { __typename?: 'Run', id: string, type: RunType, status: RunStatus, attempt: number, startedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, errorMessage?: string | null, triggeredBy: string, stats: { __typename?: 'RunStats', recordsFetched: number, recordsCreated: number, recordsUpdated: number, recordsSkipped: number, recordsFailed: number } } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RetryRunMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RetryRunMutation = { __typename?: 'Mutation', retryRun: { __typename?: 'RunPayload', run?: { __typename?: 'Run', id: string, status: RunStatus } | null, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type CredentialsQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<CredentialStatus>;
  offset?: InputMaybe<Scalars['Int']['input']>;
}>;


export type CredentialsQuery = { __typename?: 'Query', credentials: { __typename?: 'CredentialConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'CredentialEdge', node: { __typename?: 'Credential', id: string, uid: string, learnerEmail: string, title: string, status: CredentialStatus, issuedAt: string, issuer: { __typename?: 'Issuer', id: string, name: string }, anchor: { __typename?: 'CredentialAnchor', status: AnchorStatus } } }> } };

export type CredentialQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CredentialQuery = { __typename?: 'Query', credential?: { __typename?: 'Credential', id: string, uid: string, externalId: string, learnerEmail: string, title: string, status: CredentialStatus, issuedAt: string, completionDate?: string | null, maxHours?: number | null, dataHash: string, metadata: unknown, createdAt: string, issuer: { __typename?: 'Issuer', id: string, name: string, providerId?: string | null }, connector?: { __typename?: 'Connector', id: string, name: string } | null, learner?: { __typename?: 'Learner', id: string, email: string } | null, anchor: { __typename?: 'CredentialAnchor', status: AnchorStatus, merkleRoot?: string | null, chainId?: number | null, txHash?: string | null, blockNumber?: number | null, anchoredAt?: string | null } } | null };

export type VerifyCredentialQueryVariables = Exact<{
  uid: Scalars['String']['input'];
}>;


export type VerifyCredentialQuery = { __typename?: 'Query', verifyCredential: { __typename?: 'CredentialVerification', valid: boolean, checks: Array<{ __typename?: 'VerificationCheck', name: string, passed: boolean, detail?: string | null }> } };

export type SchedulerFieldsFragment = { __typename?: 'SchedulerStatus', running: boolean, instanceId: string, startedAt?: string | null, activeRuns: number, queuedRuns: number, upcoming: Array<{ __typename?: 'UpcomingRun', at: string, connector: { __typename?: 'Connector', id: string, name: string, schedule: { __typename?: 'Schedule', cron?: string | null, timezone: string } } }> };

export type SchedulerQueryVariables = Exact<{ [key: string]: never; }>;


export type SchedulerQuery = { __typename?: 'Query', scheduler: { __typename?: 'SchedulerStatus', running: boolean, instanceId: string, startedAt?: string | null, activeRuns: number, queuedRuns: number, upcoming: Array<{ __typename?: 'UpcomingRun', at: string, connector: { __typename?: 'Connector', id: string, name: string, schedule: { __typename?: 'Schedule', cron?: string | null, timezone: string } } }> } };

export type SchedulerUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SchedulerUpdatedSubscription = { __typename?: 'Subscription', schedulerUpdated: { __typename?: 'SchedulerStatus', running: boolean, instanceId: string, startedAt?: string | null, activeRuns: number, queuedRuns: number, upcoming: Array<{ __typename?: 'UpcomingRun', at: string, connector: { __typename?: 'Connector', id: string, name: string, schedule: { __typename?: 'Schedule', cron?: string | null, timezone: string } } }> } };

export type StartSchedulerMutationVariables = Exact<{ [key: string]: never; }>;


export type StartSchedulerMutation = { __typename?: 'Mutation', startScheduler: { __typename?: 'SchedulerPayload', scheduler: { __typename?: 'SchedulerStatus', running: boolean, instanceId: string, startedAt?: string | null, activeRuns: number, queuedRuns: number, upcoming: Array<{ __typename?: 'UpcomingRun', at: string, connector: { __typename?: 'Connector', id: string, name: string, schedule: { __typename?: 'Schedule', cron?: string | null, timezone: string } } }> }, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type StopSchedulerMutationVariables = Exact<{ [key: string]: never; }>;


export type StopSchedulerMutation = { __typename?: 'Mutation', stopScheduler: { __typename?: 'SchedulerPayload', scheduler: { __typename?: 'SchedulerStatus', running: boolean, instanceId: string, startedAt?: string | null, activeRuns: number, queuedRuns: number, upcoming: Array<{ __typename?: 'UpcomingRun', at: string, connector: { __typename?: 'Connector', id: string, name: string, schedule: { __typename?: 'Schedule', cron?: string | null, timezone: string } } }> }, userErrors: Array<{ __typename?: 'UserError', field?: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RunActivityQueryVariables = Exact<{
  days: Scalars['Int']['input'];
}>;


export type RunActivityQuery = { __typename?: 'Query', runActivity: Array<{ __typename?: 'RunActivityDay', day: string, succeeded: number, partial: number, failed: number, cancelled: number, recordsSynced: number }> };

export const UserErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UserErrorFieldsFragment, unknown>;
export const ConnectorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}}]} as unknown as DocumentNode<ConnectorFieldsFragment, unknown>;
export const ProgressEventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgressEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RunProgressEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"recordsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"recordsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ProgressEventFieldsFragment, unknown>;
export const RunRowFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}}]} as unknown as DocumentNode<RunRowFieldsFragment, unknown>;
export const SchedulerFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchedulerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulerStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"activeRuns"}},{"kind":"Field","name":{"kind":"Name","value":"queuedRuns"}},{"kind":"Field","name":{"kind":"Name","value":"upcoming"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SchedulerFieldsFragment, unknown>;
export const SyncHealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SyncHealth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncHealth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"healthy"}},{"kind":"Field","name":{"kind":"Name","value":"failureRate"}},{"kind":"Field","name":{"kind":"Name","value":"pendingDeliveries"}},{"kind":"Field","name":{"kind":"Name","value":"deadDeliveries"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SyncHealthQuery, SyncHealthQueryVariables>;
export const ConnectorInboundWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectorInboundWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inboundWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"secretSetAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConnectorInboundWebhookQuery, ConnectorInboundWebhookQueryVariables>;
export const EnableInboundWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableInboundWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableInboundWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inboundWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"secretSetAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EnableInboundWebhookMutation, EnableInboundWebhookMutationVariables>;
export const DisableInboundWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableInboundWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableInboundWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inboundWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"secretSetAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DisableInboundWebhookMutation, DisableInboundWebhookMutationVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actor"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}},{"kind":"Argument","name":{"kind":"Name","value":"actor"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actor"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const EventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Events"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventType"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deliveryStatus"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DeliveryStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"deliveryStatus"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deliveryStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sink"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventsQuery, EventsQueryVariables>;
export const ReplayEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplayEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sink"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReplayEventMutation, ReplayEventMutationVariables>;
export const SettlementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Settlements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SettlementFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settlements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bankReference"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"valueDate"}},{"kind":"Field","name":{"kind":"Name","value":"txnId"}},{"kind":"Field","name":{"kind":"Name","value":"lineNumber"}},{"kind":"Field","name":{"kind":"Name","value":"sourceFile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SettlementsQuery, SettlementsQueryVariables>;
export const BankConnectorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BankConnectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"sftp"},"name":{"kind":"Name","value":"connectors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"BANK_SFTP"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"api"},"name":{"kind":"Name","value":"connectors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"BANK_API"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BankConnectorsQuery, BankConnectorsQueryVariables>;
export const SourceFilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SourceFiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectorId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourceFiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectorId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"cycleDate"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SourceFilesQuery, SourceFilesQueryVariables>;
export const ShopRecordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShopRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"config"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"productsMapped"},"name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"entityType"},"value":{"kind":"StringValue","value":"product","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"MAPPED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"productsFailed"},"name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"entityType"},"value":{"kind":"StringValue","value":"product","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"FAILED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"ordersMapped"},"name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"entityType"},"value":{"kind":"StringValue","value":"order","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"MAPPED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"ordersFailed"},"name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"entityType"},"value":{"kind":"StringValue","value":"order","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"FAILED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"failed"},"name":{"kind":"Name","value":"records"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"FAILED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ShopRecordsQuery, ShopRecordsQueryVariables>;
export const SaveMappingRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveMappingRules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateConnectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"config"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SaveMappingRulesMutation, SaveMappingRulesMutationVariables>;
export const RemapRecordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemapRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemapRecordsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"remapRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RemapRecordsMutation, RemapRecordsMutationVariables>;
export const TransactionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TransactionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"txnId"}},{"kind":"Field","name":{"kind":"Name","value":"merchantCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"txnDate"}},{"kind":"Field","name":{"kind":"Name","value":"cycleDate"}},{"kind":"Field","name":{"kind":"Name","value":"bankReference"}},{"kind":"Field","name":{"kind":"Name","value":"paymentMode"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TransactionsQuery, TransactionsQueryVariables>;
export const GatewayConnectorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GatewayConnectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"PG_API"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<GatewayConnectorsQuery, GatewayConnectorsQueryVariables>;
export const WebhooksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Webhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<WebhooksQuery, WebhooksQueryVariables>;
export const CreateWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const DeleteWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const ConnectorKindsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectorKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectorKinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"authTypes"}},{"kind":"Field","name":{"kind":"Name","value":"canTest"}},{"kind":"Field","name":{"kind":"Name","value":"canSync"}},{"kind":"Field","name":{"kind":"Name","value":"canBackfill"}},{"kind":"Field","name":{"kind":"Name","value":"canSchedule"}},{"kind":"Field","name":{"kind":"Name","value":"canPush"}},{"kind":"Field","name":{"kind":"Name","value":"configSchema"}}]}}]}}]} as unknown as DocumentNode<ConnectorKindsQuery, ConnectorKindsQueryVariables>;
export const TestConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TestConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<TestConnectionMutation, TestConnectionMutationVariables>;
export const ConnectorsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connectors"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectorStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}}]} as unknown as DocumentNode<ConnectorsQuery, ConnectorsQueryVariables>;
export const ConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Connector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}}]} as unknown as DocumentNode<ConnectorQuery, ConnectorQueryVariables>;
export const ConnectorUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConnectorUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectorUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}}]} as unknown as DocumentNode<ConnectorUpdatedSubscription, ConnectorUpdatedSubscriptionVariables>;
export const RunProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RunProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectorId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectorId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProgressEventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProgressEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RunProgressEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"recordsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"recordsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RunProgressSubscription, RunProgressSubscriptionVariables>;
export const CreateConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateConnectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CreateConnectorMutation, CreateConnectorMutationVariables>;
export const UpdateConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateConnectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UpdateConnectorMutation, UpdateConnectorMutationVariables>;
export const DeleteConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeleteConnectorMutation, DeleteConnectorMutationVariables>;
export const PauseConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<PauseConnectorMutation, PauseConnectorMutationVariables>;
export const ResumeConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConnectorFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConnectorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Connector"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sourceEntity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authType"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"hasCredentials"}},{"kind":"Field","name":{"kind":"Name","value":"credentialsUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalRuns"}},{"kind":"Field","name":{"kind":"Name","value":"successCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledCount"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastTest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ResumeConnectorMutation, ResumeConnectorMutationVariables>;
export const TestConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<TestConnectorMutation, TestConnectorMutationVariables>;
export const RunConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunConnectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<RunConnectorMutation, RunConnectorMutationVariables>;
export const BackfillConnectorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BackfillConnector"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BackfillConnectorInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backfillConnector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<BackfillConnectorMutation, BackfillConnectorMutationVariables>;
export const ConnectorRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConnectorRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RunType"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunType"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connector"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}}]} as unknown as DocumentNode<ConnectorRunsQuery, ConnectorRunsQueryVariables>;
export const RunDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"window"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"expectedLow"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHigh"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"recordsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"recordsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"ratePerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pagesFetched"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}}]} as unknown as DocumentNode<RunDetailQuery, RunDetailQueryVariables>;
export const RunSkippedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunSkipped"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SkipReason"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"skippedRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunSkippedQuery, RunSkippedQueryVariables>;
export const RunLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"level"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LogLevel"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"Variable","name":{"kind":"Name","value":"level"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunLogQuery, RunLogQueryVariables>;
export const RunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectorId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"connectorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectorId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}}]} as unknown as DocumentNode<RunUpdatedSubscription, RunUpdatedSubscriptionVariables>;
export const CancelRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordsFetched"}},{"kind":"Field","name":{"kind":"Name","value":"recordsCreated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSkipped"}},{"kind":"Field","name":{"kind":"Name","value":"recordsFailed"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<CancelRunMutation, CancelRunMutationVariables>;
export const RetryRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<RetryRunMutation, RetryRunMutationVariables>;
export const CredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Credentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CredentialStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"learnerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"anchor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CredentialsQuery, CredentialsQueryVariables>;
export const CredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Credential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"learnerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completionDate"}},{"kind":"Field","name":{"kind":"Name","value":"maxHours"}},{"kind":"Field","name":{"kind":"Name","value":"dataHash"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"providerId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"learner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"anchor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"merkleRoot"}},{"kind":"Field","name":{"kind":"Name","value":"chainId"}},{"kind":"Field","name":{"kind":"Name","value":"txHash"}},{"kind":"Field","name":{"kind":"Name","value":"blockNumber"}},{"kind":"Field","name":{"kind":"Name","value":"anchoredAt"}}]}}]}}]}}]} as unknown as DocumentNode<CredentialQuery, CredentialQueryVariables>;
export const VerifyCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyCredentialQuery, VerifyCredentialQueryVariables>;
export const SchedulerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Scheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchedulerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchedulerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulerStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"activeRuns"}},{"kind":"Field","name":{"kind":"Name","value":"queuedRuns"}},{"kind":"Field","name":{"kind":"Name","value":"upcoming"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SchedulerQuery, SchedulerQueryVariables>;
export const SchedulerUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SchedulerUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedulerUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchedulerFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchedulerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulerStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"activeRuns"}},{"kind":"Field","name":{"kind":"Name","value":"queuedRuns"}},{"kind":"Field","name":{"kind":"Name","value":"upcoming"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SchedulerUpdatedSubscription, SchedulerUpdatedSubscriptionVariables>;
export const StartSchedulerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartScheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startScheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchedulerFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchedulerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulerStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"activeRuns"}},{"kind":"Field","name":{"kind":"Name","value":"queuedRuns"}},{"kind":"Field","name":{"kind":"Name","value":"upcoming"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<StartSchedulerMutation, StartSchedulerMutationVariables>;
export const StopSchedulerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopScheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopScheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduler"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SchedulerFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SchedulerFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SchedulerStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"activeRuns"}},{"kind":"Field","name":{"kind":"Name","value":"queuedRuns"}},{"kind":"Field","name":{"kind":"Name","value":"upcoming"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"connector"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<StopSchedulerMutation, StopSchedulerMutationVariables>;
export const RunActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"days"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"Variable","name":{"kind":"Name","value":"days"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"partial"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"recordsSynced"}}]}}]}}]} as unknown as DocumentNode<RunActivityQuery, RunActivityQueryVariables>;