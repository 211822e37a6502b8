import { graphql } from './gql';

export const VIEWER = graphql(`
  query Viewer {
    viewer {
      name
      role
    }
  }
`);

/** What every mutation says of each userError: the field path, the message, the code. */
export const USER_ERROR_FIELDS = graphql(`
  fragment UserErrorFields on UserError {
    field
    message
    code
  }
`);

export const CONNECTOR_FIELDS = graphql(`
  fragment ConnectorFields on Connector {
    id
    name
    kind
    sourceEntity
    status
    authType
    config
    hasCredentials
    credentialsUpdatedAt
    updatedAt
    schedule {
      enabled
      cron
      timezone
      nextRunAt
    }
    stats {
      totalRuns
      successCount
      failureCount
      cancelledCount
      successRate
    }
    lastRun {
      id
      type
      status
      startedAt
      completedAt
      errorMessage
      anomalies {
        metric
        message
      }
      stats {
        recordsCreated
        recordsUpdated
        recordsSkipped
        recordsFailed
      }
    }
    lastTest {
      id
      status
      startedAt
      completedAt
      errorMessage
    }
  }
`);

export const CONNECTOR_KINDS = graphql(`
  query ConnectorKinds {
    connectorKinds {
      kind
      authTypes
      canTest
      canSync
      canBackfill
      canSchedule
      canPush
      configSchema
    }
  }
`);

export const TEST_CONNECTION = graphql(`
  mutation TestConnection($input: TestConnectionInput!) {
    testConnection(input: $input) {
      ok
      message
      durationSeconds
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const CONNECTORS = graphql(`
  query Connectors($status: ConnectorStatus, $search: String, $after: String) {
    connectors(first: 50, status: $status, search: $search, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ConnectorFields
        }
      }
    }
  }
`);

export const CONNECTOR = graphql(`
  query Connector($id: ID!) {
    connector(id: $id) {
      ...ConnectorFields
    }
  }
`);

export const CONNECTOR_UPDATED = graphql(`
  subscription ConnectorUpdated($id: ID) {
    connectorUpdated(id: $id) {
      ...ConnectorFields
    }
  }
`);

export const PROGRESS_FIELDS = graphql(`
  fragment ProgressEventFields on RunProgressEvent {
    status
    at
    progress {
      phase
      recordsProcessed
      recordsTotal
      fraction
      ratePerSecond
      etaSeconds
    }
    stats {
      recordsFetched
      recordsCreated
      recordsUpdated
      recordsSkipped
      recordsFailed
      skipped {
        reason
        count
      }
    }
    run {
      id
      type
      status
      connector {
        id
        name
      }
    }
  }
`);

export const RUN_PROGRESS = graphql(`
  subscription RunProgress($runId: ID, $connectorId: ID) {
    runProgress(runId: $runId, connectorId: $connectorId) {
      ...ProgressEventFields
    }
  }
`);

export const CREATE_CONNECTOR = graphql(`
  mutation CreateConnector($input: CreateConnectorInput!) {
    createConnector(input: $input) {
      connector {
        ...ConnectorFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const UPDATE_CONNECTOR = graphql(`
  mutation UpdateConnector($input: UpdateConnectorInput!) {
    updateConnector(input: $input) {
      connector {
        ...ConnectorFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DELETE_CONNECTOR = graphql(`
  mutation DeleteConnector($id: ID!) {
    deleteConnector(id: $id) {
      deletedId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const PAUSE_CONNECTOR = graphql(`
  mutation PauseConnector($id: ID!) {
    pauseConnector(id: $id) {
      connector {
        ...ConnectorFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RESUME_CONNECTOR = graphql(`
  mutation ResumeConnector($id: ID!) {
    resumeConnector(id: $id) {
      connector {
        ...ConnectorFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const TEST_CONNECTOR = graphql(`
  mutation TestConnector($id: ID!) {
    testConnector(id: $id) {
      run {
        id
        status
        errorMessage
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RUN_CONNECTOR = graphql(`
  mutation RunConnector($input: RunConnectorInput!) {
    runConnector(input: $input) {
      run {
        id
        status
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const BACKFILL_CONNECTOR = graphql(`
  mutation BackfillConnector($input: BackfillConnectorInput!) {
    backfillConnector(input: $input) {
      run {
        id
        status
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RUN_ROW_FIELDS = graphql(`
  fragment RunRowFields on Run {
    id
    type
    status
    attempt
    startedAt
    completedAt
    durationSeconds
    errorMessage
    triggeredBy
    stats {
      recordsFetched
      recordsCreated
      recordsUpdated
      recordsSkipped
      recordsFailed
    }
  }
`);

export const CONNECTOR_RUNS = graphql(`
  query ConnectorRuns(
    $id: ID!
    $after: String
    $status: RunStatus
    $type: RunType
    $types: [RunType!]
  ) {
    connector(id: $id) {
      id
      name
      runs(first: 20, after: $after, status: $status, type: $type, types: $types) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RunRowFields
          }
        }
      }
    }
  }
`);

export const RUN_DETAIL = graphql(`
  query RunDetail($id: ID!) {
    run(id: $id) {
      ...RunRowFields
      scheduledFor
      window {
        from
        to
      }
      connector {
        id
        name
      }
      anomalies {
        metric
        value
        expectedLow
        expectedHigh
        message
      }
      progress {
        phase
        recordsProcessed
        recordsTotal
        fraction
        ratePerSecond
        etaSeconds
      }
      stats {
        pagesFetched
        skipped {
          reason
          count
        }
      }
    }
  }
`);

export const RUN_SKIPPED = graphql(`
  query RunSkipped($id: ID!, $after: String, $reason: SkipReason, $search: String) {
    run(id: $id) {
      id
      skippedRecords(first: 50, after: $after, reason: $reason, search: $search) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            externalId
            reason
            message
            at
          }
        }
      }
    }
  }
`);

export const RUN_LOG = graphql(`
  query RunLog($id: ID!, $after: String, $level: LogLevel, $search: String) {
    run(id: $id) {
      id
      logs(first: 100, after: $after, level: $level, search: $search) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            at
            level
            message
            externalId
          }
        }
      }
    }
  }
`);

export const RUN_UPDATED = graphql(`
  subscription RunUpdated($connectorId: ID) {
    runUpdated(connectorId: $connectorId) {
      ...RunRowFields
    }
  }
`);

export const CANCEL_RUN = graphql(`
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      run {
        ...RunRowFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RETRY_RUN = graphql(`
  mutation RetryRun($id: ID!) {
    retryRun(id: $id) {
      run {
        id
        status
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const CREDENTIALS = graphql(`
  query Credentials($search: String, $status: CredentialStatus, $offset: Int) {
    credentials(first: 25, offset: $offset, filter: { search: $search, status: $status }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          uid
          learnerEmail
          title
          status
          issuedAt
          issuer {
            id
            name
          }
          anchor {
            status
          }
        }
      }
    }
  }
`);

export const CREDENTIAL = graphql(`
  query Credential($id: ID!) {
    credential(id: $id) {
      id
      uid
      externalId
      learnerEmail
      title
      status
      issuedAt
      completionDate
      maxHours
      dataHash
      metadata
      createdAt
      issuer {
        id
        name
        providerId
      }
      connector {
        id
        name
      }
      learner {
        id
        email
      }
      anchor {
        status
        merkleRoot
        chainId
        txHash
        blockNumber
        anchoredAt
      }
    }
  }
`);

export const VERIFY_CREDENTIAL = graphql(`
  query VerifyCredential($uid: String!) {
    verifyCredential(uid: $uid) {
      valid
      checks {
        name
        passed
        detail
      }
    }
  }
`);

export const SCHEDULER_FIELDS = graphql(`
  fragment SchedulerFields on SchedulerStatus {
    running
    instanceId
    startedAt
    activeRuns
    queuedRuns
    upcoming(first: 10) {
      at
      connector {
        id
        name
        schedule {
          cron
          timezone
        }
      }
    }
  }
`);

export const SCHEDULER = graphql(`
  query Scheduler {
    scheduler {
      ...SchedulerFields
    }
  }
`);

export const SCHEDULER_UPDATED = graphql(`
  subscription SchedulerUpdated {
    schedulerUpdated {
      ...SchedulerFields
    }
  }
`);

export const START_SCHEDULER = graphql(`
  mutation StartScheduler {
    startScheduler {
      scheduler {
        ...SchedulerFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const STOP_SCHEDULER = graphql(`
  mutation StopScheduler {
    stopScheduler {
      scheduler {
        ...SchedulerFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RUN_ACTIVITY = graphql(`
  query RunActivity($days: Int!) {
    runActivity(days: $days) {
      day
      succeeded
      partial
      failed
      cancelled
      recordsSynced
    }
  }
`);
