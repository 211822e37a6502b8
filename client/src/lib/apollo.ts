import { ApolloClient, HttpLink, InMemoryCache, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/** The server's WebSocket close code for a missing, unknown or revoked token. */
export const UNAUTHORIZED_CLOSE = 4401;

/**
 * HTTP for queries and mutations, graphql-ws for subscriptions, same origin,
 * one bearer token. `onUnauthorized` runs when the API refuses the token (HTTP
 * 401, or the socket closed with 4401): revoked while the tab was open.
 */
export function createApolloClient(
  token: string,
  { origin = window.location.origin, onUnauthorized = () => {} } = {},
) {
  const authorization = `Bearer ${token}`;
  const http = new HttpLink({
    uri: `${origin}/graphql`,
    headers: { authorization },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
  const wsUrl = `${origin.replace(/^http/, 'ws')}/graphql`;
  const ws = new GraphQLWsLink(
    createClient({
      url: wsUrl,
      connectionParams: { authorization },
      retryAttempts: Infinity,
      // graphql-ws does not retry after 4401; without this the page would just go quiet.
      on: {
        closed: (event) => {
          if ((event as CloseEvent | undefined)?.code === UNAUTHORIZED_CLOSE) onUnauthorized();
        },
      },
    }),
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
