import { Field, ID, InterfaceType } from 'type-graphql';
import { ApiTokenModel } from '../models/api-token.model';
import { AuditEntryModel } from '../models/audit-entry.model';
import { ConnectorModel } from '../models/connector.model';
import { CredentialModel, IssuerModel, LearnerModel } from '../models/credential.model';
import { ExternalReferenceModel } from '../models/external-reference.model';
import { RunModel } from '../models/run.model';
import { TransactionModel } from '../models/transaction.model';
import { SettlementModel, SourceFileModel } from '../models/settlement.model';
import { ReconciliationModel, ReconExceptionModel } from '../models/reconciliation.model';

@InterfaceType({
  description: 'An object with a globally unique, opaque id, fetchable with node(id:).',
  // Resolvers hand out model instances; their class names the GraphQL type.
  resolveType: (value: object) => {
    if (value instanceof ConnectorModel) return 'Connector';
    if (value instanceof RunModel) return 'Run';
    if (value instanceof ApiTokenModel) return 'ApiToken';
    if (value instanceof CredentialModel) return 'Credential';
    if (value instanceof IssuerModel) return 'Issuer';
    if (value instanceof LearnerModel) return 'Learner';
    if (value instanceof TransactionModel) return 'PaymentTransaction';
    if (value instanceof ExternalReferenceModel) return 'ExternalRecord';
    if (value instanceof AuditEntryModel) return 'AuditEntry';
    if (value instanceof SettlementModel) return 'Settlement';
    if (value instanceof SourceFileModel) return 'SourceFile';
    if (value instanceof ReconciliationModel) return 'ReconciliationSummary';
    if (value instanceof ReconExceptionModel) return 'ReconException';
    // Plain rows (events, webhooks) say what they are.
    const typename = (value as { __typename?: unknown }).__typename;
    if (typename === 'Webhook' || typename === 'OutboxEvent') return typename;
    return undefined;
  },
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque identifier.' })
  id!: string;
}
