import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection';
import { DecimalScalar } from './decimal.scalar';
import { Node } from './node.interface';
import { DateScalar } from './scalars';
import { UserError } from './user-error.type';

export enum ReconStatus {
  MATCHED = 'MATCHED',
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
  MISSING_IN_BANK = 'MISSING_IN_BANK',
  MISSING_IN_PG = 'MISSING_IN_PG',
  DUPLICATE = 'DUPLICATE',
}

registerEnumType(ReconStatus, {
  name: 'ReconStatus',
  description: 'Where a record of a cycle ended: in a match, or in an exception of one kind.',
  valuesConfig: {
    MATCHED: { description: 'Matched by one of the rules.' },
    AMOUNT_MISMATCH: {
      description:
        'A transaction and a settlement share a reference (or the txnId) but their amounts differ beyond the tolerance.',
    },
    MISSING_IN_BANK: {
      description: 'A successful gateway transaction with no settlement in the window.',
    },
    MISSING_IN_PG: { description: 'A settlement with no gateway transaction in the cycle.' },
    DUPLICATE: {
      description:
        'An extra copy of a reference and amount on one side, or several gateway transactions on one reference that do not sum to its settlement.',
    },
  },
});

export enum ReconRule {
  REFERENCE_EXACT = 'REFERENCE_EXACT',
  REFERENCE_TOLERANCE = 'REFERENCE_TOLERANCE',
  TXN_ID = 'TXN_ID',
  SPLIT = 'SPLIT',
}

registerEnumType(ReconRule, {
  name: 'ReconRule',
  description: 'How a match was made; each pass only sees what earlier passes left unmatched.',
  valuesConfig: {
    REFERENCE_EXACT: { description: 'Same bank reference and the same amount.' },
    REFERENCE_TOLERANCE: {
      description: 'Same bank reference, amounts apart by no more than the tolerance.',
    },
    TXN_ID: {
      description: 'No usable reference: the settlement names the gateway transaction id.',
    },
    SPLIT: {
      description:
        'One settlement covering several transactions (or one transaction settled in parts): the amounts sum.',
    },
  },
});

@ObjectType({ description: 'The rules a reconciliation matched with.' })
export class ReconRules {
  @Field(() => DecimalScalar, {
    description: 'Largest absolute amount difference still counted as matched.',
  })
  amountTolerance!: string;

  @Field(() => Float, {
    description:
      'Largest difference as a percentage of the transaction amount still counted as matched.',
  })
  amountTolerancePercent!: number;

  @Field(() => Int, {
    description: 'A settlement may carry a value date up to this many days after the cycle date.',
  })
  dateWindowDays!: number;
}

@ObjectType({ description: 'How many records ended in one status, and their amount.' })
export class ReconStatusCount {
  @Field(() => ReconStatus, { description: 'The status.' })
  status!: ReconStatus;

  @Field(() => Int, {
    description: 'MATCHED: matched gateway transactions; otherwise: exceptions of this status.',
  })
  count!: number;

  @Field(() => DecimalScalar, {
    description:
      "Their amount, exact: the gateway side's, or the bank side's where there is no gateway side.",
  })
  amount!: string;
}

@ObjectType({ description: 'How many gateway transactions one rule matched, and their amount.' })
export class ReconRuleCount {
  @Field(() => ReconRule, { description: 'The rule.' })
  rule!: ReconRule;

  @Field(() => Int, { description: 'Gateway transactions matched by this rule.' })
  count!: number;

  @Field(() => DecimalScalar, { description: 'Their amount (gateway side), exact.' })
  amount!: string;
}

@ObjectType({
  implements: Node,
  description:
    'One reconciliation of a cycle date and a (gateway, bank) connector pair: its job and its result.',
})
export class ReconciliationSummary extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field(() => Int, { description: 'Gateway transactions of the cycle expected at the bank.' })
  pgCount!: number;

  @Field(() => Int, {
    description: 'Settlements in the cycle’s window not matched by another cycle.',
  })
  bankCount!: number;

  @Field(() => Int, { description: 'Gateway transactions matched.' })
  matchedCount!: number;

  @Field(() => Int, { description: 'Exceptions found.' })
  exceptionCount!: number;

  @Field(() => DecimalScalar, { description: 'Sum of the gateway side, exact.' })
  pgAmount!: string;

  @Field(() => DecimalScalar, { description: 'Sum of the bank side, exact.' })
  bankAmount!: string;

  @Field(() => DecimalScalar, { description: 'Sum of the matched gateway transactions, exact.' })
  matchedAmount!: string;

  @Field({
    description:
      "A dry run's result is kept apart: listed by reconciliations, never returned by reconciliation(cycleDate), and it replaces nothing.",
  })
  dryRun!: boolean;
}

@ObjectType({
  implements: Node,
  description: 'What no rule matched: its status and the records on each side.',
})
export class ReconException extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field(() => String, {
    nullable: true,
    description: 'The gateway transaction id (the first, when there are several).',
  })
  pgTransactionId!: string | null;

  @Field(() => String, { nullable: true, description: 'The bank reference it is about.' })
  bankReference!: string | null;

  @Field(() => String, { nullable: true, description: 'What is wrong, in words.' })
  detail!: string | null;

  @Field(() => String, { nullable: true, description: 'Who resolved it.' })
  resolvedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved.' })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it needs no more work.' })
  resolutionNote!: string | null;
}

export const ReconciliationConnection = Connection(
  ReconciliationSummary,
  'Reconciliation',
  'reconciliation',
);
export const ReconExceptionConnection = Connection(ReconException, 'ReconException', 'exception');

@InputType({ description: 'What to reconcile, and how closely amounts must agree.' })
export class RunReconciliationInput {
  @Field(() => DateScalar, { description: 'The cycle date.' })
  cycleDate!: Date | string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Omitted: the only PG_API/PG_DATABASE transaction connector, when there is exactly one.',
  })
  pgConnectorId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Omitted: the only BANK_SFTP/BANK_API/PG_DATABASE settlement connector, when there is exactly one.',
  })
  bankConnectorId?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    defaultValue: '0',
    description: 'Largest absolute amount difference still counted as MATCHED.',
  })
  amountTolerance?: string | null;

  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description:
      'Largest difference as a percentage of the transaction amount still counted as MATCHED.',
  })
  amountTolerancePercent?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 1,
    description:
      'A settlement may carry a value date up to this many days after the cycle date (banks settle T+1).',
  })
  dateWindowDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Compute a result kept apart from the stored one (see ReconciliationSummary.dryRun); nothing is replaced.',
  })
  dryRun?: boolean | null;
}

@InputType({ description: 'Marks an exception worked, with a note.' })
export class ResolveReconExceptionInput {
  @Field(() => ID, { description: 'The exception.' })
  id!: string;

  @Field({ description: 'What was done about it (at most 2000 characters).' })
  note!: string;
}

@ObjectType({ description: 'Result of runReconciliation.' })
export class ReconciliationPayload {
  @Field(() => ReconciliationSummary, {
    nullable: true,
    description: 'The reconciliation, QUEUED, unless the call failed.',
  })
  reconciliation?: ReconciliationSummary;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of resolveReconException.' })
export class ReconExceptionPayload {
  @Field(() => ReconException, {
    nullable: true,
    description: 'The exception as it is now, unless the call failed.',
  })
  exception?: ReconException;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
