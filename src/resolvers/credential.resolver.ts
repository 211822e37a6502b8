import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { wholeProof } from '../anchoring/verification';
import type { CredentialModel, IssuerModel, LearnerModel } from '../models/credential.model';
import { PageArgs } from '../schema/connection';
import { Connector } from '../schema/connector.type';
import type { Context } from '../schema/context.type';
import {
  AnchorStatus,
  Credential,
  CredentialAnchor,
  CredentialPayload,
  CredentialVerification,
  IssueCredentialInput,
  CredentialConnection,
  CredentialFilter,
  Issuer,
  Learner,
  LearnerPayload,
} from '../schema/credential.type';
import { idOf, toGlobalId } from '../schema/global-id';
import { MAX_OFFSET } from '../services/pagination';
import { payload } from '../services/user-errors';

@ArgsType()
class CredentialsArgs extends PageArgs {
  @Field(() => CredentialFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: CredentialFilter | null;

  @Field(() => Int, {
    nullable: true,
    description: `Skip this many credentials first (0..${MAX_OFFSET}), to jump to a page by number; not with after.`,
  })
  offset?: number | null;
}

/** An id of the wrong type matches nothing (-1 is never an id). */
const filterId = (type: 'Issuer' | 'Connector', id: string | null | undefined) =>
  id ? (idOf(type, id) ?? -1) : null;

/** The credential queries and registerLearner. */
@Resolver()
export class CredentialQueryResolver {
  @Query(() => CredentialConnection, { description: 'Credentials, newest first.' })
  credentials(
    @Args() { first, after, filter, offset }: CredentialsArgs,
    @Ctx() { services }: Context,
  ) {
    return services.credentials.list(
      first,
      after,
      {
        ...filter,
        issuerId: filterId('Issuer', filter?.issuerId),
        connectorId: filterId('Connector', filter?.connectorId),
      },
      offset,
    );
  }

  @Query(() => Credential, { nullable: true, description: 'One credential, or null.' })
  async credential(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    const rowId = idOf('Credential', id);
    return rowId === null ? null : ((await services.credentials.get(rowId)) ?? null);
  }

  @Query(() => Learner, {
    nullable: true,
    description: 'The learner with this email (case-insensitive), or null.',
  })
  async learner(@Arg('email') email: string, @Ctx() { services }: Context) {
    return (await services.credentials.learner(email)) ?? null;
  }

  @Query(() => [Issuer], {
    description:
      "Issuers credentials are issued under; one is created for each issuer connector's issuerName.",
  })
  issuers(@Ctx() { services }: Context) {
    return services.credentials.issuers();
  }

  @Query(() => CredentialVerification, {
    description: 'Checks a credential independently: data hash, Merkle proof, anchor, PDF, status.',
  })
  async verifyCredential(@Arg('uid') uid: string, @Ctx() { services }: Context) {
    const { valid, credential, checks } = await services.verification.verify(uid);
    return { valid, credential, checks };
  }

  @Authorized('ADMIN')
  @Mutation(() => CredentialPayload, {
    description: 'Issues one credential directly; it joins the next anchoring batch.',
  })
  async issueCredential(
    @Arg('input', () => IssueCredentialInput) input: IssueCredentialInput,
    @Ctx() { services }: Context,
  ) {
    return payload(async () => ({
      credential: await services.credentials.issue({
        ...input,
        issuerId: idOf('Issuer', input.issuerId) ?? -1,
      }),
    }));
  }

  @Authorized('ADMIN')
  @Mutation(() => LearnerPayload, {
    description:
      'Registers a learner and claims every UNCLAIMED credential for the email, in one transaction.',
  })
  async registerLearner(@Arg('email') email: string, @Ctx() { services }: Context) {
    const result = await payload(() => services.credentials.registerLearner(email));
    // On failure there is nothing claimed, but the list is still non-null.
    return { ...result, claimed: 'claimed' in result ? result.claimed : [] };
  }
}

@Resolver(() => Credential)
export class CredentialResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() credential: CredentialModel): string {
    return toGlobalId('Credential', credential.id);
  }

  @FieldResolver(() => Issuer, { description: 'The issuer it is issued under.' })
  async issuer(@Root() credential: CredentialModel, @Ctx() { loaders }: Context) {
    const issuer = await loaders.issuer.load(credential.issuerId);
    if (!issuer) throw new Error(`credential ${credential.id} has no issuer`);
    return issuer;
  }

  @FieldResolver(() => Connector, {
    nullable: true,
    description: 'The connector that synced it; null once deleted.',
  })
  async connector(@Root() credential: CredentialModel, @Ctx() { loaders }: Context) {
    return credential.connectorId === null
      ? null
      : ((await loaders.connector.load(credential.connectorId)) ?? null);
  }

  @FieldResolver(() => Learner, {
    nullable: true,
    description: 'The learner it belongs to; null while UNCLAIMED.',
  })
  async learner(@Root() credential: CredentialModel, @Ctx() { loaders }: Context) {
    return credential.learnerId === null
      ? null
      : ((await loaders.learner.load(credential.learnerId)) ?? null);
  }

  @FieldResolver(() => CredentialAnchor, { description: 'Its anchoring batch and proof.' })
  async anchor(@Root() credential: CredentialModel, @Ctx() { loaders }: Context) {
    const group =
      credential.anchorGroupId === null
        ? undefined
        : await loaders.anchorGroup.load(credential.anchorGroupId);
    const proof = group ? wholeProof(credential, group) : null;
    const batch = proof ? await loaders.anchorBatch.load(group!.batchId!) : undefined;
    return {
      status: (batch?.status ?? 'PENDING') as AnchorStatus,
      merkleRoot: batch?.merkleRoot ?? null,
      proof: batch ? proof : null,
      chainId: batch?.chainId ?? null,
      txHash: batch?.txHash ?? null,
      blockNumber: batch?.blockNumber ?? null,
      signature: batch?.signature ?? null,
      anchoredAt: batch?.anchoredAt ?? null,
    };
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Course hours, when the issuer gives them.',
  })
  maxHours(@Root() credential: CredentialModel): number | null {
    return credential.maxHours === null ? null : Number(credential.maxHours);
  }
}

@Resolver(() => Issuer)
export class IssuerResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() issuer: IssuerModel): string {
    return toGlobalId('Issuer', issuer.id);
  }
}

@Resolver(() => Learner)
export class LearnerResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque identifier.' })
  id(@Root() learner: LearnerModel): string {
    return toGlobalId('Learner', learner.id);
  }

  @FieldResolver(() => CredentialConnection, { description: 'Their credentials, newest first.' })
  credentials(
    @Root() learner: LearnerModel,
    @Args() { first, after }: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.credentials.list(first, after, { learnerEmail: learner.email });
  }
}
