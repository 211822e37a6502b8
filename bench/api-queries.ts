/**
 * The read-path queries `npm run bench:api` measures and
 * test/api/read-path.test.ts counts the statements of: what the dashboard
 * asks for a page of connectors (client/src/queries.ts ConnectorFields, plus
 * stats, lastRun's counters and the last five runs, within the API's query
 * cost limit) and for a run history.
 */
export const CONNECTORS_PAGE = `query ConnectorsPage($first: Int) {
  connectors(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name kind sourceEntity status authType config hasCredentials credentialsUpdatedAt updatedAt
        schedule { enabled cron timezone nextRunAt }
        stats { totalRuns successCount failureCount successRate }
        lastRun {
          id type status startedAt completedAt errorMessage durationSeconds
          stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed
                  pagesFetched skipped { reason count } }
        }
        runs(first: 5) {
          totalCount
          edges { node { id type status startedAt completedAt durationSeconds } }
        }
      }
    }
  }
}`;

export const RUN_HISTORY = `query RunHistory($first: Int, $connectorId: ID) {
  runs(first: $first, connectorId: $connectorId) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id type status attempt triggeredBy startedAt completedAt durationSeconds errorMessage
        stats { recordsFetched recordsCreated recordsUpdated recordsSkipped recordsFailed
                pagesFetched skipped { reason count } }
        connector { id name kind }
      }
    }
  }
}`;

export const TRIVIAL = `{ __typename }`;
