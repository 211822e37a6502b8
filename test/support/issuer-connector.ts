import type { TestApp } from './app';
import type { IssuerProvider } from './issuer-provider';

/**
 * Creates an ISSUER_API connector on `issuer` through GraphQL (API key auth,
 * source entity = upper-cased name), returning its global id.
 */
export async function createIssuerConnector(
  app: Pick<TestApp, 'gql'>,
  issuer: IssuerProvider,
  name: string,
  config: Record<string, unknown> = {},
): Promise<string> {
  const created = await app.gql(
    `mutation($input: CreateConnectorInput!) {
      createConnector(input: $input) { connector { id } userErrors { message } }
    }`,
    {
      input: {
        name,
        kind: 'ISSUER_API',
        sourceEntity: name.toUpperCase(),
        authType: 'API_KEY',
        config: { baseUrl: issuer.url, ...config },
        credentials: { apiKey: issuer.apiKey },
      },
    },
  );
  const payload = created.data!.createConnector;
  if (payload.userErrors.length > 0) throw new Error(JSON.stringify(payload.userErrors));
  return payload.connector.id;
}

/** Queues a run of the connector through GraphQL, returning the run's global id. */
export async function queueRun(app: Pick<TestApp, 'gql'>, connectorId: string): Promise<string> {
  const run = await app.gql(
    `mutation($input: RunConnectorInput!) { runConnector(input: $input) { run { id } } }`,
    { input: { id: connectorId } },
  );
  return run.data!.runConnector.run.id;
}
