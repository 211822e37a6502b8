import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ApiTokenResolver } from '../resolvers/api-token.resolver';
import { authChecker } from '../resolvers/auth-checker';
import { ConnectorResolver } from '../resolvers/connector.resolver';
import { NodeResolver } from '../resolvers/node.resolver';
import { RunResolver } from '../resolvers/run.resolver';
import { DateTimeScalar } from './scalars';

export function buildTributarySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [NodeResolver, ConnectorResolver, RunResolver, ApiTokenResolver],
    authChecker,
    // Arguments are validated by the services (zod), not class-validator.
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
}
