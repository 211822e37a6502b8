import { Repeater } from '@repeaterjs/repeater';

/**
 * `source` with every value passed through async `fn`; values for which it
 * returns undefined are skipped (a row deleted meanwhile). Unlike an async
 * generator, `return()` reaches the source at once even while it waits for
 * its next value, so an unsubscribed client leaves no listener behind.
 *
 * No `Promise.race` against the stop per value: each race would leave a
 * reaction on the stop promise until the subscription ends (a leak that
 * grows with every event). Stopping returns the source instead, which ends
 * its pending `next()`, and a pending `push` resolves when the repeater stops.
 */
export function mapDefined<T, U>(
  source: AsyncIterator<T>,
  fn: (value: T) => Promise<U | undefined>,
): AsyncIterableIterator<U> {
  return new Repeater<U>(async (push, stop) => {
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      void source.return?.();
    });
    try {
      for (;;) {
        const result = await source.next();
        if (stopped || result.done) break;
        const mapped = await fn(result.value);
        if (stopped) break;
        if (mapped === undefined) continue;
        await push(mapped);
      }
    } finally {
      stop();
      await source.return?.();
    }
  });
}

/** What a `mapEach` function returns for a value it has dealt with itself: nothing to yield. */
export const SKIP: unique symbol = Symbol('skip');

/**
 * `source` with every value passed through `fn`, as a plain async iterator:
 * no queue and no repeater of its own, so a value costs one `source.next()`
 * and one `fn` (a per-subscriber hop the fan-out pays 1,000 times per
 * event). A value `fn` answers with SKIP is not yielded: the next one is
 * read. `fn` may answer without a promise (no hop at all), and learns from
 * `stopped()` whether `return()` came meanwhile. For a consumer
 * that asks for one value at a time (as graphql-ws does). `return()` reaches
 * the source at once, even while a `next()` waits for it (the source's
 * pending `next()` then ends, and so does this one); a value mapped after
 * that is dropped.
 */
export function mapEach<T, U>(
  source: AsyncIterator<T>,
  fn: (value: T, stopped: () => boolean) => U | typeof SKIP | Promise<U | typeof SKIP>,
): AsyncIterableIterator<U> {
  let done = false;
  const stopped = () => done;
  const finish = async (): Promise<IteratorResult<U>> => {
    if (!done) {
      done = true;
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      while (!done) {
        let result: IteratorResult<T>;
        try {
          result = await source.next();
        } catch (error) {
          done = true;
          throw error;
        }
        if (done || result.done) break;
        let mapped: U | typeof SKIP;
        try {
          const out = fn(result.value, stopped);
          mapped = out instanceof Promise ? await out : out;
        } catch (error) {
          await finish();
          throw error;
        }
        if (done) break;
        if (mapped !== SKIP) return { done: false, value: mapped };
      }
      return finish();
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
