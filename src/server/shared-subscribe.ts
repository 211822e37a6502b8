/**
 * graphql-ws's `subscribe`, with each event executed once per process for
 * all the subscribers that asked the same thing.
 *
 * graphql-js executes a subscription's selection for every subscriber and
 * every event: 1,000 dashboards on one run execute the same selection over
 * the same event 1,000 times. Here the source stream is still per subscriber
 * (graphql-js's createSourceEventStream: its filters, its buffer, its
 * authorization), but the events are the notifier's own objects, shared by
 * all of this process's subscribers, so the execution of an event is kept
 * per event (a WeakMap, freed with it) under a key of everything the result
 * depends on: the operation's text, its variables and the caller's role
 * (the only thing of the caller a subscription's fields look at: @Authorized
 * checks). Subscribers that differ in any of these get their own execution.
 */
import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { mapEach } from '../pubsub/map-async';
import type { Context } from '../schema/context.type';
import type { DirectNext } from './shared-send';

/** A shared execution, and its result once it has settled (read without a promise hop). */
interface Shared {
  promise: Promise<ExecutionResult>;
  result?: ExecutionResult;
}

type Results = Map<string, Shared>;

function keyOf(args: ExecutionArgs): string {
  const { caller } = args.contextValue as Context;
  return [
    caller.role,
    args.operationName ?? '',
    JSON.stringify(args.variableValues ?? {}),
    print(args.document),
  ].join('\n');
}

/**
 * A `subscribe` for graphql-ws's useServer (same contract as graphql-js's
 * `subscribe`). With `directOf`, a subscription that has a direct sender
 * (shared-send.ts) writes its error-free results itself, in order, and
 * yields graphql-ws only results with errors (for its `onNext` to format)
 * and its end: graphql-ws pulls the next value only after it sent the last,
 * so the two kinds stay in order on the socket.
 */
export function sharedSubscribe(
  directOf?: (args: ExecutionArgs) => DirectNext | undefined,
): (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const executions = new WeakMap<object, Results>();
  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
    const key = keyOf(args);
    const run = (event: unknown): Shared => {
      const shared: Shared = {
        promise: Promise.resolve(execute({ ...args, rootValue: event }) as ExecutionResult),
      };
      shared.promise.then(
        (result) => (shared.result = result),
        () => undefined,
      );
      return shared;
    };
    const sharedOf = (event: unknown): Shared => {
      if (typeof event !== 'object' || event === null) return run(event);
      let results = executions.get(event);
      if (!results) executions.set(event, (results = new Map()));
      let shared = results.get(key);
      if (!shared) results.set(key, (shared = run(event)));
      return shared;
    };
    const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const direct = directOf?.(args);
    if (!direct) return mapEach(events, (event) => sharedOf(event).promise);
    return sendEach(events, sharedOf, direct);
  };
}

/**
 * `source`'s events, executed (shared) and written by `direct`; yields only
 * results with errors. `return()` reaches the source at once, even while a
 * `next()` waits for it.
 */
function sendEach(
  source: AsyncIterator<unknown>,
  sharedOf: (event: unknown) => Shared,
  direct: DirectNext,
): AsyncIterableIterator<ExecutionResult> {
  let done = false;
  const finish = async (): Promise<IteratorResult<ExecutionResult>> => {
    if (!done) {
      done = true;
      await source.return?.();
    }
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      while (!done) {
        let event: IteratorResult<unknown>;
        try {
          event = await source.next();
        } catch (error) {
          done = true;
          throw error;
        }
        if (done || event.done) break;
        try {
          const shared = sharedOf(event.value);
          const result = shared.result ?? (await shared.promise);
          if (done) break;
          if (result.errors?.length) return { done: false, value: result };
          const writing = direct(result);
          if (writing) await writing;
        } catch (error) {
          await finish();
          throw error;
        }
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
