import { Repeater } from '@repeaterjs/repeater';
import { mapEach, SKIP } from './map-async';

/** A source that yields what is pushed, and counts how often it was ended. */
function pushable<T>() {
  let push!: (value: T) => Promise<unknown>;
  let stop!: (error?: unknown) => void;
  let returned = 0;
  const source = new Repeater<T>(async (p, s) => {
    push = p;
    stop = s;
    await s;
    returned += 1;
  });
  return {
    source,
    push: (value: T) => push(value),
    stop: (error?: unknown) => stop(error),
    get returned() {
      return returned;
    },
  };
}

describe('mapEach', () => {
  it('maps each value in order, one at a time', async () => {
    const { source, push } = pushable<number>();
    const mapped = mapEach(source, async (n) => `#${n}`);
    const first = mapped.next();
    void push(1);
    await expect(first).resolves.toEqual({ done: false, value: '#1' });
    const second = mapped.next();
    void push(2);
    await expect(second).resolves.toEqual({ done: false, value: '#2' });
  });

  it('yields nothing for a value mapped to SKIP, and maps synchronous answers too', async () => {
    const { source, push } = pushable<number>();
    const mapped = mapEach(source, (n) => (n % 2 === 0 ? SKIP : n * 10));
    const next = mapped.next();
    void push(2);
    void push(4);
    void push(5);
    await expect(next).resolves.toEqual({ done: false, value: 50 });
  });

  it('tells the function once the consumer has left, and drops what it maps after', async () => {
    const { source, push } = pushable<number>();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen: boolean[] = [];
    const mapped = mapEach(source, async (n, stopped) => {
      await held;
      seen.push(stopped());
      return n;
    });
    const next = mapped.next();
    void push(1);
    await new Promise((resolve) => setImmediate(resolve));
    await mapped.return!();
    release();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    expect(seen).toEqual([true]);
  });

  it('ends the source at once when returned while a next() waits', async () => {
    const pipe = pushable<number>();
    const mapped = mapEach(pipe.source, async (n) => n);
    const pending = mapped.next();
    await expect(mapped.return!()).resolves.toEqual({ done: true, value: undefined });
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await new Promise((resolve) => setImmediate(resolve));
    expect(pipe.returned).toBe(1);
    await expect(mapped.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('ends when the source ends, and passes its error on', async () => {
    const ended = pushable<number>();
    const a = mapEach(ended.source, async (n) => n);
    const waiting = a.next();
    ended.stop();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });

    const failed = pushable<number>();
    const b = mapEach(failed.source, async (n) => n);
    const next = b.next();
    failed.stop(new Error('too slow'));
    await expect(next).rejects.toThrow('too slow');
    await expect(b.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('ends the source when the mapping fails', async () => {
    const pipe = pushable<number>();
    const mapped = mapEach(pipe.source, async () => {
      throw new Error('execution failed');
    });
    const next = mapped.next();
    void pipe.push(1);
    await expect(next).rejects.toThrow('execution failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(pipe.returned).toBe(1);
  });
});
