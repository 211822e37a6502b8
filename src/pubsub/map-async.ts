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
