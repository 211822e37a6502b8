/** Reading credentials, issuers and learners; registering a learner claims their credentials. */
import type { Knex } from 'knex';
import { UniqueViolationError } from 'objection';
import { z } from 'zod';
import {
  CredentialModel,
  IssuerModel,
  LearnerModel,
  type CredentialStatus,
} from '../../models/credential.model';
import { loadKeccak } from '../../domains/credentials/anchoring/keccak';
import { writeCredentialRows } from '../../domains/credentials/credentials';
import { recordCredentialsClaimed } from '../../events/emit';
import { credentialPipeline, type CredentialScope } from '../../domains/credentials/pipeline';
import { decide } from '../../sync/plan';
import { fail, invalid, notFound } from '../user-errors';
import { likePattern, pageRequest, keysetPage } from '../pagination';

export interface CredentialFilter {
  learnerEmail?: string | null;
  issuerId?: number | null;
  connectorId?: number | null;
  status?: CredentialStatus | null;
  search?: string | null;
  issuedAfter?: Date | null;
  issuedBefore?: Date | null;
}

const email = z.email().max(320);

export interface IssueInput {
  issuerId: number;
  externalId: string;
  learnerEmail: string;
  title: string;
  issuedAt: Date;
  completionDate?: Date | null;
  maxHours?: number | null;
  metadata?: Record<string, unknown> | null;
}

export class CredentialService {
  constructor(
    private readonly db: Knex,
    /** Runs in registerLearner's transaction once the learner exists (WooCommerce's REMAP of their orders). */
    private readonly onRegistered?: (
      trx: Knex.Transaction,
      learner: LearnerModel,
    ) => Promise<unknown>,
  ) {}

  /**
   * Issues one credential through the synced pipeline's rules (dedupe, learner
   * claim, data hash); it joins the next anchoring batch. A changed credential
   * with the same external id is updated, an unchanged one is a CONFLICT.
   */
  async issue(input: IssueInput): Promise<CredentialModel> {
    const externalId = input.externalId.trim();
    const title = input.title.trim();
    const learnerEmail = input.learnerEmail.trim();
    if (!externalId) invalid('must not be empty', ['input', 'externalId']);
    if (!title) invalid('must not be empty', ['input', 'title']);
    if (!email.safeParse(learnerEmail).success)
      invalid('must be an email address', ['input', 'learnerEmail']);
    if (input.maxHours != null && !(input.maxHours >= 0))
      invalid('must be a number of hours', ['input', 'maxHours']);
    const issuer = await IssuerModel.query(this.db).findById(input.issuerId);
    if (!issuer) return notFound('no such issuer', ['input', 'issuerId']);
    const credential = {
      externalId,
      learnerEmail,
      title,
      issuedAt: input.issuedAt,
      completionDate: input.completionDate ?? null,
      maxHours: input.maxHours ?? null,
      pdfUrl: null,
      cursor: null,
      metadata: input.metadata ?? {},
    };
    await loadKeccak();
    // Deciding reads only the issuer (keys, data hash, look-up), not a connector's options.
    const scope = { issuerId: issuer.id, issuerName: issuer.name } as CredentialScope;
    const decided = await decide(this.db, { pipeline: credentialPipeline, scope }, [
      { raw: {}, entity: credential },
    ]);
    if (decided.skipped.length > 0) {
      return fail('CONFLICT', decided.skipped[0].message, ['input', 'externalId']);
    }
    const written = await this.db.transaction((trx) =>
      writeCredentialRows(trx, issuer.id, decided.candidates, { connectorId: null, runId: null }),
    );
    return (await CredentialModel.query(this.db).findById(written.rows[0].internalId))!;
  }

  async get(id: number): Promise<CredentialModel | undefined> {
    return CredentialModel.query(this.db).findById(id);
  }

  async list(
    first: number | null | undefined,
    after: string | null | undefined,
    filter: CredentialFilter,
    offset?: number | null,
  ) {
    const page = pageRequest(first, after, undefined, offset);
    const filtered = () => {
      const query = CredentialModel.query(this.db);
      if (filter.learnerEmail)
        query.whereRaw('lower(learner_email) = lower(?)', [filter.learnerEmail]);
      if (filter.issuerId != null) query.where('issuerId', filter.issuerId);
      if (filter.connectorId != null) query.where('connectorId', filter.connectorId);
      if (filter.status) query.where('status', filter.status);
      if (filter.issuedAfter) query.where('issuedAt', '>=', filter.issuedAfter);
      if (filter.issuedBefore) query.where('issuedAt', '<', filter.issuedBefore);
      if (filter.search) {
        const pattern = likePattern(filter.search);
        query.where((q) =>
          q
            .whereILike('uid', pattern)
            .orWhereILike('externalId', pattern)
            .orWhereILike('learnerEmail', pattern)
            .orWhereILike('title', pattern),
        );
      }
      return query;
    };
    return keysetPage(filtered, page);
  }

  async issuers(): Promise<IssuerModel[]> {
    return IssuerModel.query(this.db).orderBy('name');
  }

  async issuersByIds(ids: readonly number[]): Promise<IssuerModel[]> {
    return IssuerModel.query(this.db).findByIds(ids as number[]);
  }

  async learnersByIds(ids: readonly number[]): Promise<LearnerModel[]> {
    return LearnerModel.query(this.db).findByIds(ids as number[]);
  }

  async learner(emailAddress: string): Promise<LearnerModel | undefined> {
    return LearnerModel.query(this.db)
      .whereRaw('lower(email) = lower(?)', [emailAddress.trim()])
      .first();
  }

  /**
   * Creates the learner and, in the same transaction, makes every UNCLAIMED
   * credential for the email (compared case-insensitively) ISSUED to them.
   */
  async registerLearner(
    emailAddress: string,
  ): Promise<{ learner: LearnerModel; claimed: CredentialModel[] }> {
    const address = emailAddress.trim();
    if (!email.safeParse(address).success) invalid('must be an email address', ['email']);
    return this.db.transaction(async (trx) => {
      let learner: LearnerModel;
      try {
        learner = await trx.transaction(async (sp) =>
          LearnerModel.query(sp).insertAndFetch({ email: address }),
        );
      } catch (error) {
        if (error instanceof UniqueViolationError) {
          return fail('CONFLICT', 'a learner with this email already exists', ['email']);
        }
        throw error;
      }
      const claimed = await CredentialModel.query(trx)
        .patch({ learnerId: learner.id, status: 'ISSUED', updatedAt: new Date() })
        .whereRaw('lower(learner_email) = lower(?)', [address])
        .where('status', 'UNCLAIMED')
        .returning('*');
      const rows = claimed as unknown as CredentialModel[];
      await recordCredentialsClaimed(trx, learner, rows);
      await this.onRegistered?.(trx, learner);
      return { learner, claimed: rows };
    });
  }
}
