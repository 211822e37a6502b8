import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { ApiTokenResolver } from '../resolvers/api-token.resolver';
import { authChecker } from '../resolvers/auth-checker';
import { ConnectorResolver } from '../resolvers/connector.resolver';
import { ConnectorKindResolver } from '../resolvers/connector-kind.resolver';
import { InboundWebhookResolver } from '../resolvers/inbound-webhook.resolver';
import { DashboardResolver } from '../resolvers/dashboard.resolver';
import { NodeResolver } from '../resolvers/node.resolver';
import {
  ExternalRecordResolver,
  PaymentQueryResolver,
  PaymentTransactionResolver,
} from '../resolvers/payment.resolver';
import { RunResolver } from '../resolvers/run.resolver';
import {
  SettlementQueryResolver,
  SettlementResolver,
  SourceFileResolver,
} from '../resolvers/settlement.resolver';
import { SchedulerResolver, UpcomingRunResolver } from '../resolvers/scheduler.resolver';
import { ConnectorSyncResolver, SyncResolver } from '../resolvers/sync.resolver';
import {
  CredentialQueryResolver,
  CredentialResolver,
  IssuerResolver,
  LearnerResolver,
} from '../resolvers/credential.resolver';
import {
  RunProgressEventResolver,
  RunStatsResolver,
  SubscriptionResolver,
} from '../resolvers/subscription.resolver';
import { AuditMutations } from '../audit/audit.middleware';
import { AuditResolver } from '../resolvers/audit.resolver';
import { RunAnomalyResolver } from '../resolvers/anomaly.resolver';
import { RemapResolver } from '../resolvers/remap.resolver';
import { InputLimits } from '../limits/input-limits';
import { useOnMutationsAndFieldsWithArguments } from './field-middlewares';
import { DeliveryResolver, EventResolver, WebhookResolver } from '../resolvers/event.resolver';
import { DateTimeScalar } from './scalars';

/** What type-graphql requires and nothing calls: events go through src/pubsub. */
const unusedPubSub: PubSub = {
  publish() {
    throw new Error('type-graphql PubSub is not used: publish through src/pubsub');
  },
  subscribe() {
    throw new Error('type-graphql PubSub is not used: subscriptions bring their own subscribe');
  },
};

export function buildTributarySchema(): Promise<GraphQLSchema> {
  // Every mutation is audited (outermost, so it sees a limit's userErrors),
  // then argument size limits run before every resolver that takes
  // arguments; the fields without arguments (most of a page) resolve
  // without going through them (field-middlewares.ts).
  useOnMutationsAndFieldsWithArguments([AuditMutations, InputLimits]);
  return buildSchema({
    resolvers: [
      NodeResolver,
      ConnectorResolver,
      ConnectorKindResolver,
      InboundWebhookResolver,
      RunResolver,
      ApiTokenResolver,
      SchedulerResolver,
      UpcomingRunResolver,
      SyncResolver,
      ConnectorSyncResolver,
      CredentialQueryResolver,
      CredentialResolver,
      IssuerResolver,
      LearnerResolver,
      SubscriptionResolver,
      RunProgressEventResolver,
      RunStatsResolver,
      DashboardResolver,
      PaymentQueryResolver,
      PaymentTransactionResolver,
      ExternalRecordResolver,
      AuditResolver,
      RunAnomalyResolver,
      SettlementQueryResolver,
      SettlementResolver,
      SourceFileResolver,
      EventResolver,
      DeliveryResolver,
      WebhookResolver,
      RemapResolver,
    ],
    authChecker,
    // Arguments are validated by the services (zod), not class-validator.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // type-graphql insists on a PubSub whenever subscriptions exist, even
    // though each of ours brings its own `subscribe` (Postgres LISTEN/NOTIFY,
    // src/pubsub); none uses `topics`, so this one is never called.
    pubSub: unusedPubSub,
  });
}
