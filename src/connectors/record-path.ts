/** Reading a dotted path (`user.email`, `items.0.sku`) out of a source record. */
export function readPath(record: unknown, path: string): unknown {
  // A plain field name (most field maps): one property read, no split per record and field.
  if (!path.includes('.')) {
    return record !== null && typeof record === 'object'
      ? (record as Record<string, unknown>)[path]
      : undefined;
  }
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
