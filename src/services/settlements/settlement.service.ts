import type { Knex } from 'knex';
import type { SourceFileStatus } from '../../domains/settlements/ledger';
import { SettlementModel, SourceFileModel } from '../../models/settlement.model';
import { keysetPage, pageRequest } from '../pagination';

export interface SettlementFilter {
  connectorId?: number | null;
  valueDate?: string | null;
  search?: string | null;
}

/**
 * A file's rows are written before its last page switches them in; until
 * then (pending and never ingested) no read sees them.
 */
const VISIBLE = '(pending_sha256 IS NULL OR ingested_sha256 IS NOT NULL)';

/** Settlements and the source file ledger, as the API reads them. */
export class SettlementService {
  constructor(private readonly db: Knex) {}

  async get(id: number): Promise<SettlementModel | undefined> {
    return SettlementModel.query(this.db).findById(id).whereRaw(VISIBLE);
  }

  list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: SettlementFilter,
  ) {
    const page = pageRequest(first, after);
    return keysetPage(() => {
      const query = SettlementModel.query(this.db).whereRaw(VISIBLE);
      if (filter.connectorId != null) query.where('connectorId', filter.connectorId);
      if (filter.valueDate) query.where('valueDate', filter.valueDate);
      if (filter.search) {
        const search = filter.search.trim();
        query.where((q) => q.where('bankReference', search).orWhere('txnId', search));
      }
      return query;
    }, page);
  }

  async sourceFile(id: number): Promise<SourceFileModel | undefined> {
    return SourceFileModel.query(this.db).findById(id);
  }

  sourceFiles(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: { connectorId?: number | null; status?: SourceFileStatus | null },
  ) {
    const page = pageRequest(first, after);
    return keysetPage(() => {
      const query = SourceFileModel.query(this.db);
      if (filter.connectorId != null) query.where('connectorId', filter.connectorId);
      if (filter.status) query.where('status', filter.status);
      return query;
    }, page);
  }
}
