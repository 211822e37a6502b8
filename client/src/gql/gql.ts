/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Settlements($filter: SettlementFilter, $after: String) {\n    settlements(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          bankReference\n          amount\n          currency\n          valueDate\n          txnId\n          lineNumber\n          sourceFile {\n            id\n            name\n          }\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.SettlementsDocument,
    "\n  query BankConnectors {\n    sftp: connectors(first: 100, kind: BANK_SFTP) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    api: connectors(first: 100, kind: BANK_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.BankConnectorsDocument,
    "\n  query SourceFiles($connectorId: ID, $after: String) {\n    sourceFiles(first: 25, after: $after, connectorId: $connectorId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          status\n          rows\n          sizeBytes\n          cycleDate\n          detail\n          createdAt\n          run {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.SourceFilesDocument,
    "\n  query Transactions($filter: TransactionFilter, $after: String) {\n    transactions(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          txnId\n          merchantCode\n          amount\n          currency\n          status\n          txnDate\n          cycleDate\n          bankReference\n          paymentMode\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.TransactionsDocument,
    "\n  query GatewayConnectors {\n    connectors(first: 100, kind: PG_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.GatewayConnectorsDocument,
    "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
    "\n  fragment ConnectorFields on Connector {\n    id\n    name\n    kind\n    sourceEntity\n    status\n    authType\n    config\n    hasCredentials\n    credentialsUpdatedAt\n    updatedAt\n    schedule {\n      enabled\n      cron\n      timezone\n      nextRunAt\n    }\n    stats {\n      totalRuns\n      successCount\n      failureCount\n      successRate\n    }\n    lastRun {\n      id\n      type\n      status\n      startedAt\n      completedAt\n      errorMessage\n    }\n  }\n": typeof types.ConnectorFieldsFragmentDoc,
    "\n  query Connectors($status: ConnectorStatus, $search: String, $after: String) {\n    connectors(first: 50, status: $status, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ConnectorFields\n        }\n      }\n    }\n  }\n": typeof types.ConnectorsDocument,
    "\n  query Connector($id: ID!) {\n    connector(id: $id) {\n      ...ConnectorFields\n    }\n  }\n": typeof types.ConnectorDocument,
    "\n  subscription ConnectorUpdated($id: ID) {\n    connectorUpdated(id: $id) {\n      ...ConnectorFields\n    }\n  }\n": typeof types.ConnectorUpdatedDocument,
    "\n  fragment ProgressEventFields on RunProgressEvent {\n    status\n    at\n    progress {\n      phase\n      recordsProcessed\n      recordsTotal\n      fraction\n      ratePerSecond\n      etaSeconds\n    }\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n    run {\n      id\n      type\n      status\n      connector {\n        id\n      }\n    }\n  }\n": typeof types.ProgressEventFieldsFragmentDoc,
    "\n  subscription RunProgress($runId: ID, $connectorId: ID) {\n    runProgress(runId: $runId, connectorId: $connectorId) {\n      ...ProgressEventFields\n    }\n  }\n": typeof types.RunProgressDocument,
    "\n  mutation CreateConnector($input: CreateConnectorInput!) {\n    createConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateConnectorDocument,
    "\n  mutation UpdateConnector($input: UpdateConnectorInput!) {\n    updateConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.UpdateConnectorDocument,
    "\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.DeleteConnectorDocument,
    "\n  mutation PauseConnector($id: ID!) {\n    pauseConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.PauseConnectorDocument,
    "\n  mutation ResumeConnector($id: ID!) {\n    resumeConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ResumeConnectorDocument,
    "\n  mutation TestConnector($id: ID!) {\n    testConnector(id: $id) {\n      run {\n        id\n        status\n        errorMessage\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TestConnectorDocument,
    "\n  mutation RunConnector($input: RunConnectorInput!) {\n    runConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RunConnectorDocument,
    "\n  mutation BackfillConnector($input: BackfillConnectorInput!) {\n    backfillConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.BackfillConnectorDocument,
    "\n  fragment RunRowFields on Run {\n    id\n    type\n    status\n    attempt\n    startedAt\n    completedAt\n    durationSeconds\n    errorMessage\n    triggeredBy\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n  }\n": typeof types.RunRowFieldsFragmentDoc,
    "\n  query ConnectorRuns($id: ID!, $after: String) {\n    connector(id: $id) {\n      id\n      name\n      runs(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunRowFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConnectorRunsDocument,
    "\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      ...RunRowFields\n      scheduledFor\n      window {\n        from\n        to\n      }\n      connector {\n        id\n        name\n      }\n      progress {\n        phase\n        recordsProcessed\n        recordsTotal\n        fraction\n        ratePerSecond\n        etaSeconds\n      }\n      stats {\n        pagesFetched\n        skipped {\n          reason\n          count\n        }\n      }\n      logs(first: 100) {\n        totalCount\n        edges {\n          node {\n            at\n            level\n            message\n            externalId\n          }\n        }\n      }\n      skippedRecords(first: 100) {\n        totalCount\n        edges {\n          node {\n            externalId\n            reason\n            message\n            at\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunDetailDocument,
    "\n  subscription RunUpdated($connectorId: ID) {\n    runUpdated(connectorId: $connectorId) {\n      ...RunRowFields\n    }\n  }\n": typeof types.RunUpdatedDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      run {\n        ...RunRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RetryRunDocument,
    "\n  query Credentials($search: String, $status: CredentialStatus, $after: String) {\n    credentials(first: 25, after: $after, filter: { search: $search, status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          uid\n          learnerEmail\n          title\n          status\n          issuedAt\n          issuer {\n            id\n            name\n          }\n          anchor {\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.CredentialsDocument,
    "\n  query Credential($id: ID!) {\n    credential(id: $id) {\n      id\n      uid\n      externalId\n      learnerEmail\n      title\n      status\n      issuedAt\n      completionDate\n      maxHours\n      dataHash\n      metadata\n      createdAt\n      issuer {\n        id\n        name\n        providerId\n      }\n      connector {\n        id\n        name\n      }\n      learner {\n        id\n        email\n      }\n      anchor {\n        status\n        merkleRoot\n        chainId\n        txHash\n        blockNumber\n        anchoredAt\n      }\n    }\n  }\n": typeof types.CredentialDocument,
    "\n  query VerifyCredential($uid: String!) {\n    verifyCredential(uid: $uid) {\n      valid\n      checks {\n        name\n        passed\n        detail\n      }\n    }\n  }\n": typeof types.VerifyCredentialDocument,
    "\n  fragment SchedulerFields on SchedulerStatus {\n    running\n    instanceId\n    startedAt\n    activeRuns\n    queuedRuns\n    upcoming(first: 10) {\n      at\n      connector {\n        id\n        name\n        schedule {\n          cron\n          timezone\n        }\n      }\n    }\n  }\n": typeof types.SchedulerFieldsFragmentDoc,
    "\n  query Scheduler {\n    scheduler {\n      ...SchedulerFields\n    }\n  }\n": typeof types.SchedulerDocument,
    "\n  subscription SchedulerUpdated {\n    schedulerUpdated {\n      ...SchedulerFields\n    }\n  }\n": typeof types.SchedulerUpdatedDocument,
    "\n  mutation StartScheduler {\n    startScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.StartSchedulerDocument,
    "\n  mutation StopScheduler {\n    stopScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.StopSchedulerDocument,
    "\n  query RunActivity($days: Int!) {\n    runActivity(days: $days) {\n      day\n      succeeded\n      partial\n      failed\n      cancelled\n      recordsSynced\n    }\n  }\n": typeof types.RunActivityDocument,
};
const documents: Documents = {
    "\n  query Settlements($filter: SettlementFilter, $after: String) {\n    settlements(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          bankReference\n          amount\n          currency\n          valueDate\n          txnId\n          lineNumber\n          sourceFile {\n            id\n            name\n          }\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.SettlementsDocument,
    "\n  query BankConnectors {\n    sftp: connectors(first: 100, kind: BANK_SFTP) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    api: connectors(first: 100, kind: BANK_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.BankConnectorsDocument,
    "\n  query SourceFiles($connectorId: ID, $after: String) {\n    sourceFiles(first: 25, after: $after, connectorId: $connectorId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          status\n          rows\n          sizeBytes\n          cycleDate\n          detail\n          createdAt\n          run {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.SourceFilesDocument,
    "\n  query Transactions($filter: TransactionFilter, $after: String) {\n    transactions(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          txnId\n          merchantCode\n          amount\n          currency\n          status\n          txnDate\n          cycleDate\n          bankReference\n          paymentMode\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.TransactionsDocument,
    "\n  query GatewayConnectors {\n    connectors(first: 100, kind: PG_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.GatewayConnectorsDocument,
    "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": types.UserErrorFieldsFragmentDoc,
    "\n  fragment ConnectorFields on Connector {\n    id\n    name\n    kind\n    sourceEntity\n    status\n    authType\n    config\n    hasCredentials\n    credentialsUpdatedAt\n    updatedAt\n    schedule {\n      enabled\n      cron\n      timezone\n      nextRunAt\n    }\n    stats {\n      totalRuns\n      successCount\n      failureCount\n      successRate\n    }\n    lastRun {\n      id\n      type\n      status\n      startedAt\n      completedAt\n      errorMessage\n    }\n  }\n": types.ConnectorFieldsFragmentDoc,
    "\n  query Connectors($status: ConnectorStatus, $search: String, $after: String) {\n    connectors(first: 50, status: $status, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ConnectorFields\n        }\n      }\n    }\n  }\n": types.ConnectorsDocument,
    "\n  query Connector($id: ID!) {\n    connector(id: $id) {\n      ...ConnectorFields\n    }\n  }\n": types.ConnectorDocument,
    "\n  subscription ConnectorUpdated($id: ID) {\n    connectorUpdated(id: $id) {\n      ...ConnectorFields\n    }\n  }\n": types.ConnectorUpdatedDocument,
    "\n  fragment ProgressEventFields on RunProgressEvent {\n    status\n    at\n    progress {\n      phase\n      recordsProcessed\n      recordsTotal\n      fraction\n      ratePerSecond\n      etaSeconds\n    }\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n    run {\n      id\n      type\n      status\n      connector {\n        id\n      }\n    }\n  }\n": types.ProgressEventFieldsFragmentDoc,
    "\n  subscription RunProgress($runId: ID, $connectorId: ID) {\n    runProgress(runId: $runId, connectorId: $connectorId) {\n      ...ProgressEventFields\n    }\n  }\n": types.RunProgressDocument,
    "\n  mutation CreateConnector($input: CreateConnectorInput!) {\n    createConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateConnectorDocument,
    "\n  mutation UpdateConnector($input: UpdateConnectorInput!) {\n    updateConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.UpdateConnectorDocument,
    "\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.DeleteConnectorDocument,
    "\n  mutation PauseConnector($id: ID!) {\n    pauseConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.PauseConnectorDocument,
    "\n  mutation ResumeConnector($id: ID!) {\n    resumeConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ResumeConnectorDocument,
    "\n  mutation TestConnector($id: ID!) {\n    testConnector(id: $id) {\n      run {\n        id\n        status\n        errorMessage\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TestConnectorDocument,
    "\n  mutation RunConnector($input: RunConnectorInput!) {\n    runConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RunConnectorDocument,
    "\n  mutation BackfillConnector($input: BackfillConnectorInput!) {\n    backfillConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.BackfillConnectorDocument,
    "\n  fragment RunRowFields on Run {\n    id\n    type\n    status\n    attempt\n    startedAt\n    completedAt\n    durationSeconds\n    errorMessage\n    triggeredBy\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n  }\n": types.RunRowFieldsFragmentDoc,
    "\n  query ConnectorRuns($id: ID!, $after: String) {\n    connector(id: $id) {\n      id\n      name\n      runs(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunRowFields\n          }\n        }\n      }\n    }\n  }\n": types.ConnectorRunsDocument,
    "\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      ...RunRowFields\n      scheduledFor\n      window {\n        from\n        to\n      }\n      connector {\n        id\n        name\n      }\n      progress {\n        phase\n        recordsProcessed\n        recordsTotal\n        fraction\n        ratePerSecond\n        etaSeconds\n      }\n      stats {\n        pagesFetched\n        skipped {\n          reason\n          count\n        }\n      }\n      logs(first: 100) {\n        totalCount\n        edges {\n          node {\n            at\n            level\n            message\n            externalId\n          }\n        }\n      }\n      skippedRecords(first: 100) {\n        totalCount\n        edges {\n          node {\n            externalId\n            reason\n            message\n            at\n          }\n        }\n      }\n    }\n  }\n": types.RunDetailDocument,
    "\n  subscription RunUpdated($connectorId: ID) {\n    runUpdated(connectorId: $connectorId) {\n      ...RunRowFields\n    }\n  }\n": types.RunUpdatedDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      run {\n        ...RunRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CancelRunDocument,
    "\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RetryRunDocument,
    "\n  query Credentials($search: String, $status: CredentialStatus, $after: String) {\n    credentials(first: 25, after: $after, filter: { search: $search, status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          uid\n          learnerEmail\n          title\n          status\n          issuedAt\n          issuer {\n            id\n            name\n          }\n          anchor {\n            status\n          }\n        }\n      }\n    }\n  }\n": types.CredentialsDocument,
    "\n  query Credential($id: ID!) {\n    credential(id: $id) {\n      id\n      uid\n      externalId\n      learnerEmail\n      title\n      status\n      issuedAt\n      completionDate\n      maxHours\n      dataHash\n      metadata\n      createdAt\n      issuer {\n        id\n        name\n        providerId\n      }\n      connector {\n        id\n        name\n      }\n      learner {\n        id\n        email\n      }\n      anchor {\n        status\n        merkleRoot\n        chainId\n        txHash\n        blockNumber\n        anchoredAt\n      }\n    }\n  }\n": types.CredentialDocument,
    "\n  query VerifyCredential($uid: String!) {\n    verifyCredential(uid: $uid) {\n      valid\n      checks {\n        name\n        passed\n        detail\n      }\n    }\n  }\n": types.VerifyCredentialDocument,
    "\n  fragment SchedulerFields on SchedulerStatus {\n    running\n    instanceId\n    startedAt\n    activeRuns\n    queuedRuns\n    upcoming(first: 10) {\n      at\n      connector {\n        id\n        name\n        schedule {\n          cron\n          timezone\n        }\n      }\n    }\n  }\n": types.SchedulerFieldsFragmentDoc,
    "\n  query Scheduler {\n    scheduler {\n      ...SchedulerFields\n    }\n  }\n": types.SchedulerDocument,
    "\n  subscription SchedulerUpdated {\n    schedulerUpdated {\n      ...SchedulerFields\n    }\n  }\n": types.SchedulerUpdatedDocument,
    "\n  mutation StartScheduler {\n    startScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.StartSchedulerDocument,
    "\n  mutation StopScheduler {\n    stopScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.StopSchedulerDocument,
    "\n  query RunActivity($days: Int!) {\n    runActivity(days: $days) {\n      day\n      succeeded\n      partial\n      failed\n      cancelled\n      recordsSynced\n    }\n  }\n": types.RunActivityDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Settlements($filter: SettlementFilter, $after: String) {\n    settlements(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          bankReference\n          amount\n          currency\n          valueDate\n          txnId\n          lineNumber\n          sourceFile {\n            id\n            name\n          }\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Settlements($filter: SettlementFilter, $after: String) {\n    settlements(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          bankReference\n          amount\n          currency\n          valueDate\n          txnId\n          lineNumber\n          sourceFile {\n            id\n            name\n          }\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BankConnectors {\n    sftp: connectors(first: 100, kind: BANK_SFTP) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    api: connectors(first: 100, kind: BANK_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BankConnectors {\n    sftp: connectors(first: 100, kind: BANK_SFTP) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    api: connectors(first: 100, kind: BANK_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceFiles($connectorId: ID, $after: String) {\n    sourceFiles(first: 25, after: $after, connectorId: $connectorId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          status\n          rows\n          sizeBytes\n          cycleDate\n          detail\n          createdAt\n          run {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SourceFiles($connectorId: ID, $after: String) {\n    sourceFiles(first: 25, after: $after, connectorId: $connectorId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          status\n          rows\n          sizeBytes\n          cycleDate\n          detail\n          createdAt\n          run {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Transactions($filter: TransactionFilter, $after: String) {\n    transactions(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          txnId\n          merchantCode\n          amount\n          currency\n          status\n          txnDate\n          cycleDate\n          bankReference\n          paymentMode\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Transactions($filter: TransactionFilter, $after: String) {\n    transactions(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          txnId\n          merchantCode\n          amount\n          currency\n          status\n          txnDate\n          cycleDate\n          bankReference\n          paymentMode\n          connector {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GatewayConnectors {\n    connectors(first: 100, kind: PG_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GatewayConnectors {\n    connectors(first: 100, kind: PG_API) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConnectorFields on Connector {\n    id\n    name\n    kind\n    sourceEntity\n    status\n    authType\n    config\n    hasCredentials\n    credentialsUpdatedAt\n    updatedAt\n    schedule {\n      enabled\n      cron\n      timezone\n      nextRunAt\n    }\n    stats {\n      totalRuns\n      successCount\n      failureCount\n      successRate\n    }\n    lastRun {\n      id\n      type\n      status\n      startedAt\n      completedAt\n      errorMessage\n    }\n  }\n"): (typeof documents)["\n  fragment ConnectorFields on Connector {\n    id\n    name\n    kind\n    sourceEntity\n    status\n    authType\n    config\n    hasCredentials\n    credentialsUpdatedAt\n    updatedAt\n    schedule {\n      enabled\n      cron\n      timezone\n      nextRunAt\n    }\n    stats {\n      totalRuns\n      successCount\n      failureCount\n      successRate\n    }\n    lastRun {\n      id\n      type\n      status\n      startedAt\n      completedAt\n      errorMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Connectors($status: ConnectorStatus, $search: String, $after: String) {\n    connectors(first: 50, status: $status, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ConnectorFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Connectors($status: ConnectorStatus, $search: String, $after: String) {\n    connectors(first: 50, status: $status, search: $search, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...ConnectorFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Connector($id: ID!) {\n    connector(id: $id) {\n      ...ConnectorFields\n    }\n  }\n"): (typeof documents)["\n  query Connector($id: ID!) {\n    connector(id: $id) {\n      ...ConnectorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConnectorUpdated($id: ID) {\n    connectorUpdated(id: $id) {\n      ...ConnectorFields\n    }\n  }\n"): (typeof documents)["\n  subscription ConnectorUpdated($id: ID) {\n    connectorUpdated(id: $id) {\n      ...ConnectorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProgressEventFields on RunProgressEvent {\n    status\n    at\n    progress {\n      phase\n      recordsProcessed\n      recordsTotal\n      fraction\n      ratePerSecond\n      etaSeconds\n    }\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n    run {\n      id\n      type\n      status\n      connector {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ProgressEventFields on RunProgressEvent {\n    status\n    at\n    progress {\n      phase\n      recordsProcessed\n      recordsTotal\n      fraction\n      ratePerSecond\n      etaSeconds\n    }\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n    run {\n      id\n      type\n      status\n      connector {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunProgress($runId: ID, $connectorId: ID) {\n    runProgress(runId: $runId, connectorId: $connectorId) {\n      ...ProgressEventFields\n    }\n  }\n"): (typeof documents)["\n  subscription RunProgress($runId: ID, $connectorId: ID) {\n    runProgress(runId: $runId, connectorId: $connectorId) {\n      ...ProgressEventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateConnector($input: CreateConnectorInput!) {\n    createConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateConnector($input: CreateConnectorInput!) {\n    createConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateConnector($input: UpdateConnectorInput!) {\n    updateConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateConnector($input: UpdateConnectorInput!) {\n    updateConnector(input: $input) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteConnector($id: ID!) {\n    deleteConnector(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseConnector($id: ID!) {\n    pauseConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PauseConnector($id: ID!) {\n    pauseConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeConnector($id: ID!) {\n    resumeConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeConnector($id: ID!) {\n    resumeConnector(id: $id) {\n      connector {\n        ...ConnectorFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestConnector($id: ID!) {\n    testConnector(id: $id) {\n      run {\n        id\n        status\n        errorMessage\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TestConnector($id: ID!) {\n    testConnector(id: $id) {\n      run {\n        id\n        status\n        errorMessage\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunConnector($input: RunConnectorInput!) {\n    runConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunConnector($input: RunConnectorInput!) {\n    runConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BackfillConnector($input: BackfillConnectorInput!) {\n    backfillConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BackfillConnector($input: BackfillConnectorInput!) {\n    backfillConnector(input: $input) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRowFields on Run {\n    id\n    type\n    status\n    attempt\n    startedAt\n    completedAt\n    durationSeconds\n    errorMessage\n    triggeredBy\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n  }\n"): (typeof documents)["\n  fragment RunRowFields on Run {\n    id\n    type\n    status\n    attempt\n    startedAt\n    completedAt\n    durationSeconds\n    errorMessage\n    triggeredBy\n    stats {\n      recordsFetched\n      recordsCreated\n      recordsUpdated\n      recordsSkipped\n      recordsFailed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConnectorRuns($id: ID!, $after: String) {\n    connector(id: $id) {\n      id\n      name\n      runs(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunRowFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConnectorRuns($id: ID!, $after: String) {\n    connector(id: $id) {\n      id\n      name\n      runs(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RunRowFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      ...RunRowFields\n      scheduledFor\n      window {\n        from\n        to\n      }\n      connector {\n        id\n        name\n      }\n      progress {\n        phase\n        recordsProcessed\n        recordsTotal\n        fraction\n        ratePerSecond\n        etaSeconds\n      }\n      stats {\n        pagesFetched\n        skipped {\n          reason\n          count\n        }\n      }\n      logs(first: 100) {\n        totalCount\n        edges {\n          node {\n            at\n            level\n            message\n            externalId\n          }\n        }\n      }\n      skippedRecords(first: 100) {\n        totalCount\n        edges {\n          node {\n            externalId\n            reason\n            message\n            at\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunDetail($id: ID!) {\n    run(id: $id) {\n      ...RunRowFields\n      scheduledFor\n      window {\n        from\n        to\n      }\n      connector {\n        id\n        name\n      }\n      progress {\n        phase\n        recordsProcessed\n        recordsTotal\n        fraction\n        ratePerSecond\n        etaSeconds\n      }\n      stats {\n        pagesFetched\n        skipped {\n          reason\n          count\n        }\n      }\n      logs(first: 100) {\n        totalCount\n        edges {\n          node {\n            at\n            level\n            message\n            externalId\n          }\n        }\n      }\n      skippedRecords(first: 100) {\n        totalCount\n        edges {\n          node {\n            externalId\n            reason\n            message\n            at\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunUpdated($connectorId: ID) {\n    runUpdated(connectorId: $connectorId) {\n      ...RunRowFields\n    }\n  }\n"): (typeof documents)["\n  subscription RunUpdated($connectorId: ID) {\n    runUpdated(connectorId: $connectorId) {\n      ...RunRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      run {\n        ...RunRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      run {\n        ...RunRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryRun($id: ID!) {\n    retryRun(id: $id) {\n      run {\n        id\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Credentials($search: String, $status: CredentialStatus, $after: String) {\n    credentials(first: 25, after: $after, filter: { search: $search, status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          uid\n          learnerEmail\n          title\n          status\n          issuedAt\n          issuer {\n            id\n            name\n          }\n          anchor {\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Credentials($search: String, $status: CredentialStatus, $after: String) {\n    credentials(first: 25, after: $after, filter: { search: $search, status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          uid\n          learnerEmail\n          title\n          status\n          issuedAt\n          issuer {\n            id\n            name\n          }\n          anchor {\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Credential($id: ID!) {\n    credential(id: $id) {\n      id\n      uid\n      externalId\n      learnerEmail\n      title\n      status\n      issuedAt\n      completionDate\n      maxHours\n      dataHash\n      metadata\n      createdAt\n      issuer {\n        id\n        name\n        providerId\n      }\n      connector {\n        id\n        name\n      }\n      learner {\n        id\n        email\n      }\n      anchor {\n        status\n        merkleRoot\n        chainId\n        txHash\n        blockNumber\n        anchoredAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Credential($id: ID!) {\n    credential(id: $id) {\n      id\n      uid\n      externalId\n      learnerEmail\n      title\n      status\n      issuedAt\n      completionDate\n      maxHours\n      dataHash\n      metadata\n      createdAt\n      issuer {\n        id\n        name\n        providerId\n      }\n      connector {\n        id\n        name\n      }\n      learner {\n        id\n        email\n      }\n      anchor {\n        status\n        merkleRoot\n        chainId\n        txHash\n        blockNumber\n        anchoredAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyCredential($uid: String!) {\n    verifyCredential(uid: $uid) {\n      valid\n      checks {\n        name\n        passed\n        detail\n      }\n    }\n  }\n"): (typeof documents)["\n  query VerifyCredential($uid: String!) {\n    verifyCredential(uid: $uid) {\n      valid\n      checks {\n        name\n        passed\n        detail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SchedulerFields on SchedulerStatus {\n    running\n    instanceId\n    startedAt\n    activeRuns\n    queuedRuns\n    upcoming(first: 10) {\n      at\n      connector {\n        id\n        name\n        schedule {\n          cron\n          timezone\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SchedulerFields on SchedulerStatus {\n    running\n    instanceId\n    startedAt\n    activeRuns\n    queuedRuns\n    upcoming(first: 10) {\n      at\n      connector {\n        id\n        name\n        schedule {\n          cron\n          timezone\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Scheduler {\n    scheduler {\n      ...SchedulerFields\n    }\n  }\n"): (typeof documents)["\n  query Scheduler {\n    scheduler {\n      ...SchedulerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SchedulerUpdated {\n    schedulerUpdated {\n      ...SchedulerFields\n    }\n  }\n"): (typeof documents)["\n  subscription SchedulerUpdated {\n    schedulerUpdated {\n      ...SchedulerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartScheduler {\n    startScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StartScheduler {\n    startScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopScheduler {\n    stopScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation StopScheduler {\n    stopScheduler {\n      scheduler {\n        ...SchedulerFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunActivity($days: Int!) {\n    runActivity(days: $days) {\n      day\n      succeeded\n      partial\n      failed\n      cancelled\n      recordsSynced\n    }\n  }\n"): (typeof documents)["\n  query RunActivity($days: Int!) {\n    runActivity(days: $days) {\n      day\n      succeeded\n      partial\n      failed\n      cancelled\n      recordsSynced\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;