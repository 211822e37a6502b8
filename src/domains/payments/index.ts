/** The payments domain: gateway transactions, mapped, planned and written a page at a time. */
export { parseDecimal, type DecimalResult } from './decimal';
export {
  calendarDate,
  mapTransaction,
  mappedPayload,
  parseTxnDate,
  TRANSACTION_ENTITY,
  transactionHash,
  transactionKey,
  type MappingOptions,
  type TransactionFieldMap,
  type TransactionRecord,
} from './transaction';
export {
  findStoredTransactions,
  rawJson,
  writeTransactionRows,
  type StoredTransaction,
  type WrittenTransaction,
} from './store';
export { transactionPipeline, type TransactionOptions, type TransactionScope } from './pipeline';
