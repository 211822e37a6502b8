import { Repeater } from '@repeaterjs/repeater';

const STOPPED: unique symbol = Symbol('stopped');

/**
 * `source` with every value passed through async `fn`; values for which it
 * returns undefined are skipped (a row deleted meanwhile). Unlike an async
 * generator, `return()` reaches the source at once even while it waits for
 * its next value, so an unsubscribed client leaves no listener behind.
 */
export function mapDefined<T, U>(
  source: AsyncIterator<T>,
  fn: (value: T) => Promise<U | undefined>,
): AsyncIterableIterator<U> {
  return new Repeater<U>(async (push, stop) => {
    const stopped: Promise<typeof STOPPED> = stop.then(() => STOPPED);
    try {
      for (;;) {
        const result = await Promise.race([source.next(), stopped]);
        if (result === STOPPED || result.done) break;
        const mapped = await fn(result.value);
        if (mapped === undefined) continue;
        if ((await Promise.race([push(mapped), stopped])) === STOPPED) break;
      }
    } finally {
      stop();
      await source.return?.();
    }
  });
}
