import type { Logger } from './logger';

/**
 * One part of the process to stop. Steps of one stage stop together; a stage
 * starts when the one before it has ended (the pool closes after the
 * workers that use it).
 */
export interface ShutdownStep {
  name: string;
  stop: () => Promise<unknown>;
  /** What it still waits for, named in the log line when the deadline passes. */
  pending?: () => unknown;
}

export interface ShutdownResult {
  /** True when every step ended before the deadline. */
  complete: boolean;
  /** Steps that had not ended (or not started) at the deadline, in order. */
  unfinished: string[];
  elapsedMs: number;
}

/**
 * Stops `stages` in order, each stage's steps at once, and gives up at
 * `timeoutMs` whatever is still pending: the caller exits either way. A step
 * that throws is logged and counts as ended (there is nothing more to wait for).
 */
export async function shutdownWithin(
  stages: ShutdownStep[][],
  timeoutMs: number,
  logger: Logger,
): Promise<ShutdownResult> {
  const startedAt = Date.now();
  const ended = new Set<ShutdownStep>();
  const all = stages.flat();
  const run = (async () => {
    for (const stage of stages) {
      await Promise.all(
        stage.map(async (step) => {
          try {
            await step.stop();
          } catch (error) {
            logger.error({ err: error, step: step.name }, 'shutdown step failed');
          } finally {
            ended.add(step);
            logger.debug({ step: step.name, elapsedMs: Date.now() - startedAt }, 'stopped');
          }
        }),
      );
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), timeoutMs);
  });
  const outcome = await Promise.race([run.then(() => 'done' as const), deadline]);
  clearTimeout(timer);
  const elapsedMs = Date.now() - startedAt;
  if (outcome === 'done') {
    logger.info({ elapsedMs }, 'shutdown complete');
    return { complete: true, unfinished: [], elapsedMs };
  }
  const left = all.filter((step) => !ended.has(step));
  const pending: Record<string, unknown> = {};
  for (const step of left) {
    try {
      if (step.pending) pending[step.name] = step.pending();
    } catch {
      // a description is best effort
    }
  }
  const unfinished = left.map((step) => step.name);
  logger.warn(
    { elapsedMs, timeoutMs, unfinished, pending },
    `shutdown deadline passed; did not finish: ${unfinished.join(', ')}`,
  );
  return { complete: false, unfinished, elapsedMs };
}
