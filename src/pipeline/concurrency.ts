import pLimit from 'p-limit';

/** `fn` over `items` with at most `limit` calls in flight; results in input order. */
export function mapBounded<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const run = pLimit(limit);
  return Promise.all(items.map((item) => run(() => fn(item))));
}
