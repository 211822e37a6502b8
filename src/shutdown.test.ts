import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { shutdownWithin } from './shutdown';

function capture() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line));
        }
        callback();
      },
    }),
  });
  return { logger, lines };
}

describe('shutdownWithin', () => {
  it('stops stages in order, the steps of a stage together', async () => {
    const { logger, lines } = capture();
    const order: string[] = [];
    const step = (name: string, ms: number) => ({
      name,
      stop: () =>
        new Promise<void>((resolve) => setTimeout(() => (order.push(name), resolve()), ms)),
    });
    const result = await shutdownWithin(
      [[step('slow', 30), step('fast', 1)], [step('pool', 1)]],
      1_000,
      logger,
    );
    expect(result).toMatchObject({ complete: true, unfinished: [] });
    expect(order).toEqual(['fast', 'slow', 'pool']);
    expect(lines.at(-1)).toMatchObject({ msg: 'shutdown complete' });
  });

  it('gives up at the deadline and names what did not finish, with what it waits for', async () => {
    const { logger, lines } = capture();
    const started = Date.now();
    const result = await shutdownWithin(
      [
        [
          {
            name: 'http',
            stop: () => new Promise(() => undefined),
            pending: () => ({ requests: 2 }),
          },
          { name: 'worker', stop: async () => undefined },
        ],
        [{ name: 'database pool', stop: async () => undefined }],
      ],
      150,
      logger,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({ complete: false, unfinished: ['http', 'database pool'] });
    expect(lines.at(-1)).toMatchObject({
      level: 40,
      unfinished: ['http', 'database pool'],
      pending: { http: { requests: 2 } },
      msg: 'shutdown deadline passed; did not finish: http, database pool',
    });
  });

  it('counts a step that throws as ended, and logs it', async () => {
    const { logger, lines } = capture();
    const result = await shutdownWithin(
      [[{ name: 'notifier', stop: () => Promise.reject(new Error('gone')) }]],
      1_000,
      logger,
    );
    expect(result.complete).toBe(true);
    expect(lines.find((l) => l.msg === 'shutdown step failed')).toMatchObject({ step: 'notifier' });
  });
});
