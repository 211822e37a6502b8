import { Repeater } from '@repeaterjs/repeater';
import { mapEach } from './map-async';

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
