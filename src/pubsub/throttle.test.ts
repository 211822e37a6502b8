import { ProgressThrottle } from './throttle';

describe('ProgressThrottle', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function recorder() {
    const sent: { at: number; value: string }[] = [];
    const send = (value: string) => () => {
      sent.push({ at: Date.now(), value });
    };
    return { sent, send };
  }

  it('sends at most 4 progress updates per second per run, and the last one after the window', () => {
    const throttle = new ProgressThrottle();
    const { sent, send } = recorder();
    const start = Date.now();
    // 300 updates, one every 10 ms, for 3 seconds.
    for (let i = 0; i < 300; i += 1) {
      throttle.progress(1, send(`p${i}`));
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(1000);
    expect(sent[0]).toEqual({ at: start, value: 'p0' });
    // Any one-second window holds at most 4 sends.
    for (const first of sent) {
      const inWindow = sent.filter((s) => s.at >= first.at && s.at < first.at + 1000);
      expect(inWindow.length).toBeLessThanOrEqual(4);
    }
    expect(sent.length).toBeGreaterThanOrEqual(12);
    // Trailing edge: the very last update went out.
    expect(sent.at(-1)?.value).toBe('p299');
    expect(throttle.pendingRuns).toBe(0);
  });

  it('flushes the latest pending progress at the end of the window, not the older ones', () => {
    const throttle = new ProgressThrottle({ perSecond: 4 });
    const { sent, send } = recorder();
    throttle.progress(1, send('first'));
    throttle.progress(1, send('second'));
    throttle.progress(1, send('third'));
    expect(sent.map((s) => s.value)).toEqual(['first']);
    jest.advanceTimersByTime(249);
    expect(sent.map((s) => s.value)).toEqual(['first']);
    jest.advanceTimersByTime(1);
    expect(sent.map((s) => s.value)).toEqual(['first', 'third']);
    jest.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });

  it('lets a status change through at once and drops the progress it supersedes', async () => {
    const throttle = new ProgressThrottle();
    const { sent, send } = recorder();
    throttle.progress(1, send('progress 1'));
    throttle.progress(1, send('progress 2')); // pending
    await throttle.status(1, send('SUCCESS'));
    expect(sent.map((s) => s.value)).toEqual(['progress 1', 'SUCCESS']);
    expect(sent[1].at).toBe(sent[0].at);
    jest.advanceTimersByTime(5000);
    // The superseded progress never arrives after the status.
    expect(sent.map((s) => s.value)).toEqual(['progress 1', 'SUCCESS']);
    // Several status changes in a row all pass.
    await throttle.status(1, send('RUNNING'));
    await throttle.status(1, send('FAILED'));
    expect(sent.map((s) => s.value).slice(2)).toEqual(['RUNNING', 'FAILED']);
  });

  it('counts a status event as the last send: the progress right after it waits out the window', async () => {
    const throttle = new ProgressThrottle({ perSecond: 4 });
    const { sent, send } = recorder();
    const start = Date.now();
    await throttle.status(1, send('RUNNING'));
    // The phases of the first moments: one update at the end of the window, the newest.
    throttle.progress(1, send('AUTHENTICATING'));
    jest.advanceTimersByTime(100);
    throttle.progress(1, send('FETCHING'));
    jest.advanceTimersByTime(100);
    throttle.progress(1, send('page 1'));
    expect(sent.map((s) => s.value)).toEqual(['RUNNING']);
    jest.advanceTimersByTime(50);
    expect(sent).toEqual([
      { at: start, value: 'RUNNING' },
      { at: start + 250, value: 'page 1' },
    ]);

    // The same for a status event published elsewhere (the claim's RUNNING).
    throttle.statusSent(2);
    throttle.progress(2, send('run 2 AUTHENTICATING'));
    expect(sent).toHaveLength(2);
    jest.advanceTimersByTime(250);
    expect(sent.at(-1)).toEqual({ at: start + 500, value: 'run 2 AUTHENTICATING' });
    throttle.forget(1);
    throttle.forget(2);
    expect(throttle.pendingRuns).toBe(0);
  });

  it('waits for a progress send in flight before the status send', async () => {
    const throttle = new ProgressThrottle();
    const order: string[] = [];
    let finish!: () => void;
    throttle.progress(
      1,
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            order.push('progress done');
            resolve();
          };
        }),
    );
    const status = throttle.status(1, () => {
      order.push('status');
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    finish();
    await status;
    expect(order).toEqual(['progress done', 'status']);
  });

  it('throttles each run on its own', () => {
    const throttle = new ProgressThrottle();
    const { sent, send } = recorder();
    throttle.progress(1, send('run 1'));
    throttle.progress(2, send('run 2'));
    throttle.progress(1, send('run 1 again'));
    expect(sent.map((s) => s.value)).toEqual(['run 1', 'run 2']);
    jest.advanceTimersByTime(250);
    expect(sent.map((s) => s.value)).toEqual(['run 1', 'run 2', 'run 1 again']);
  });

  it('reports a failed progress send to onError and keeps going', async () => {
    const errors: unknown[] = [];
    const throttle = new ProgressThrottle({ onError: (error) => errors.push(error) });
    throttle.progress(7, () => Promise.reject(new Error('db down')));
    throttle.progress(7, () => {
      throw new Error('sync throw');
    });
    jest.advanceTimersByTime(250);
    await throttle.flush(7);
    expect(errors.map((e) => (e as Error).message)).toEqual(['db down', 'sync throw']);
  });

  it('flushes pending updates on close', async () => {
    const throttle = new ProgressThrottle();
    const { sent, send } = recorder();
    throttle.progress(1, send('a'));
    throttle.progress(1, send('b'));
    await throttle.close();
    expect(sent.map((s) => s.value)).toEqual(['a', 'b']);
    jest.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });
});
