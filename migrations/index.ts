import type { Knex } from 'knex';
import * as foundation from './20261123090000_foundation';
import * as sync from './20261123110000_sync';
import * as anchoring from './20261123130000_anchoring';
import * as anchorGroups from './20261124090000_anchor_groups';
import * as boundSecrets from './20261124100000_bound_secrets';
import * as envAdminToken from './20261130090000_env_admin_token';
import * as transactions from './20261130090000_transactions';
import * as cancelledCount from './20261130100000_cancelled_count';
import * as auditLog from './20261130110000_audit_log';
import * as runJobs from './20261130110000_run_jobs';
import * as settlements from './20261130120000_settlements';
import * as runsByConnector from './20261130130000_runs_by_connector';
import * as outbox from './20261130140000_outbox';
import * as reconciliations from './20261130150000_reconciliations';
import * as deliveries from './20261130160000_deliveries';
import * as inboundWebhooks from './20261130170000_inbound_webhooks';
import * as commerce from './20261130180000_commerce';
import * as settlementsFillfactor from './20261130210000_settlements_fillfactor';
import * as settlementsWriteOnce from './20261201120000_settlements_write_once';
import * as syncRunsByConnector from './20261201130000_sync_runs_by_connector';
import * as referencesRunKey from './20261202090000_references_run_key';
import * as credentialKeys from './20261202100000_credential_keys';

/** Every migration, by name. Names sort in the order they apply. */
export const migrations: Record<string, Knex.Migration> = {
  '20261123090000_foundation': foundation,
  '20261123110000_sync': sync,
  '20261123130000_anchoring': anchoring,
  '20261124090000_anchor_groups': anchorGroups,
  '20261124100000_bound_secrets': boundSecrets,
  '20261130090000_env_admin_token': envAdminToken,
  '20261130090000_transactions': transactions,
  '20261130100000_cancelled_count': cancelledCount,
  '20261130110000_audit_log': auditLog,
  '20261130110000_run_jobs': runJobs,
  '20261130120000_settlements': settlements,
  '20261130130000_runs_by_connector': runsByConnector,
  '20261130140000_outbox': outbox,
  '20261130150000_reconciliations': reconciliations,
  '20261130160000_deliveries': deliveries,
  '20261130170000_inbound_webhooks': inboundWebhooks,
  '20261130180000_commerce': commerce,
  '20261130210000_settlements_fillfactor': settlementsFillfactor,
  '20261201120000_settlements_write_once': settlementsWriteOnce,
  '20261201130000_sync_runs_by_connector': syncRunsByConnector,
  '20261202090000_references_run_key': referencesRunKey,
  '20261202100000_credential_keys': credentialKeys,
};
