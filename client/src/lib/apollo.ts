import { ApolloClient, HttpLink, InMemoryCache, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/** HTTP for queries and mutations, graphql-ws for subscriptions, same origin, one bearer token. */
export function createApolloClient(token: string, origin = window.location.origin) {
  const authorization = `Bearer ${token}`;
  const http = new HttpLink({ uri: `${origin}/graphql`, headers: { authorization } });
  const wsUrl = `${origin.replace(/^http/, 'ws')}/graphql`;
  const ws = new GraphQLWsLink(
    createClient({ url: wsUrl, connectionParams: { authorization }, retryAttempts: Infinity }),
  );
  const link = split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === 'OperationDefinition' && def.operation === 'subscription';
    },
    ws,
    http,
  );
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        SchedulerStatus: { keyFields: ['instanceId'] },
        Schedule: { merge: true },
        ConnectorStats: { merge: true },
        RunStats: { merge: true },
        RunProgress: { merge: true },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
