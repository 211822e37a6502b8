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
import { mapEach, SKIP } from '../pubsub/map-async';
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
    // Written here, never after the subscriber has left; only results with errors go on
    // to graphql-ws (its onNext formats them). No promise hop once the result is known.
    return mapEach<unknown, ExecutionResult>(events, (event, stopped) => {
      const shared = sharedOf(event);
      const send = (
        result: ExecutionResult,
      ): ExecutionResult | typeof SKIP | Promise<typeof SKIP> => {
        if (result.errors?.length) return result;
        if (stopped()) return SKIP;
        const writing = direct(result);
        return writing ? writing.then((): typeof SKIP => SKIP) : SKIP;
      };
      return shared.result ? send(shared.result) : shared.promise.then(send);
    });
  };
}
