/** Reading external references: what each connector received, mapped or not. */
import type { Knex } from 'knex';
import { ExternalReferenceModel } from '../../models/external-reference.model';
import { keysetPage, pageRequest } from '../pagination';

/** The API's record statuses; SYNCED is how the table says MAPPED. */
export type RecordStatusName = 'MAPPED' | 'FAILED';

export function recordStatus(row: Pick<ExternalReferenceModel, 'status'>): RecordStatusName {
  return row.status === 'FAILED' ? 'FAILED' : 'MAPPED';
}

export class RecordService {
  constructor(private readonly db: Knex) {}

  async get(id: number): Promise<ExternalReferenceModel | undefined> {
    return ExternalReferenceModel.query(this.db).findById(id);
  }

  /** One connector's records, newest first, narrowed by entity type and status. */
  async list(
    connectorId: number,
    first: number | null | undefined,
    after: string | null | undefined,
    filter: { entityType?: string | null; status?: RecordStatusName | null },
  ) {
    const page = pageRequest(first, after);
    const filtered = () => {
      const query = ExternalReferenceModel.query(this.db).where('connectorId', connectorId);
      if (filter.entityType) query.where('entityType', filter.entityType);
      if (filter.status === 'FAILED') query.where('status', 'FAILED');
      if (filter.status === 'MAPPED') query.whereNot('status', 'FAILED');
      return query;
    };
    return keysetPage(filtered, page);
  }
}
