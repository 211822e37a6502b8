/** Reading gateway transactions. */
import type { Knex } from 'knex';
import { TransactionModel } from '../../models/transaction.model';
import { keysetPage, pageRequest } from '../pagination';

export interface TransactionFilter {
  connectorId?: number | null;
  /** YYYY-MM-DD. */
  cycleDate?: string | null;
  merchantCode?: string | null;
  status?: string | null;
  /** Exact txnId or bankReference. */
  search?: string | null;
}

export class TransactionService {
  constructor(private readonly db: Knex) {}

  async get(id: number): Promise<TransactionModel | undefined> {
    return TransactionModel.query(this.db).findById(id);
  }

  /** Newest first; every filter is an index probe (see the transactions migration). */
  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: TransactionFilter,
  ) {
    const page = pageRequest(first, after);
    const filtered = () => {
      const query = TransactionModel.query(this.db);
      if (filter.connectorId != null) query.where('connectorId', filter.connectorId);
      if (filter.cycleDate) query.where('cycleDate', filter.cycleDate);
      if (filter.merchantCode) query.where('merchantCode', filter.merchantCode);
      if (filter.status) query.where('status', filter.status.trim().toUpperCase());
      const search = filter.search?.trim();
      if (search) query.where((q) => q.where('txnId', search).orWhere('bankReference', search));
      return query;
    };
    return keysetPage(filtered, page);
  }
}
