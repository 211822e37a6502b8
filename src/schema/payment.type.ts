import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from './connection';
import { DecimalScalar } from './decimal.scalar';
import { Node } from './node.interface';
import { DateScalar } from './scalars';

@ObjectType({
  implements: Node,
  description: "A payment gateway's transaction, as a PG_API connector synced it.",
})
export class PaymentTransaction extends Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  declare id: string;

  @Field({ description: "The gateway's transaction id; unique per connector." })
  txnId!: string;

  @Field(() => String, { nullable: true, description: "The gateway's merchant code." })
  merchantCode!: string | null;

  @Field(() => DecimalScalar, { description: 'The amount, exact, e.g. "1250.50".' })
  amount!: string;

  @Field({ description: 'ISO 4217 code, e.g. INR.' })
  currency!: string;

  @Field({ description: "The gateway's status, upper-cased, e.g. SUCCESS, FAILED." })
  status!: string;

  @Field({ description: 'When the transaction happened.' })
  txnDate!: Date;

  @Field(() => DateScalar, {
    description:
      "The reconciliation cycle this transaction belongs to: its date in the connector's time zone.",
  })
  cycleDate!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Bank reference (UTR/RRN) the gateway reported; settlements are matched on it.',
  })
  bankReference!: string | null;

  @Field(() => String, { nullable: true, description: 'How it was paid, e.g. UPI, CARD.' })
  paymentMode!: string | null;

  @Field({ description: 'When the hub first stored it.' })
  createdAt!: Date;

  @Field({ description: 'When the hub last changed it.' })
  updatedAt!: Date;
}

export const PaymentTransactionConnection = Connection(
  PaymentTransaction,
  'PaymentTransaction',
  'transaction',
);

@InputType({ description: 'Narrows the transactions list; all given fields must match.' })
export class TransactionFilter {
  @Field(() => ID, { nullable: true, description: 'Only this connector’s transactions.' })
  connectorId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only this cycle date.' })
  cycleDate?: Date | null;

  @Field(() => String, { nullable: true, description: 'Only this merchant code (exact).' })
  merchantCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only this gateway status (compared upper-cased).',
  })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact txnId or bankReference.' })
  search?: string | null;
}
