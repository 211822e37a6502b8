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

type Results = Map<string, Promise<ExecutionResult>>;

function keyOf(args: ExecutionArgs): string {
  const { caller } = args.contextValue as Context;
  return [
    caller.role,
    args.operationName ?? '',
    JSON.stringify(args.variableValues ?? {}),
    print(args.document),
  ].join('\n');
}

/** A `subscribe` for graphql-ws's useServer (same contract as graphql-js's `subscribe`). */
export function sharedSubscribe(): (
  args: ExecutionArgs,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const executions = new WeakMap<object, Results>();
  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
    const key = keyOf(args);
    const run = (event: unknown) =>
      Promise.resolve(execute({ ...args, rootValue: event }) as ExecutionResult);
    const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    return mapEach(events, (event) => {
      if (typeof event !== 'object' || event === null) return run(event);
      let results = executions.get(event);
      if (!results) executions.set(event, (results = new Map()));
      let result = results.get(key);
      if (!result) results.set(key, (result = run(event)));
      return result;
    });
  };
}
