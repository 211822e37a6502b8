/**
 * The subscribers of `npm run bench:fanout`, in a process of their own: opens
 * graphql-ws clients (one WebSocket each) spread over the given URLs, all on
 * the same subscription, and records for every event each one receives how
 * long after the event's `at` it arrived. Driven over IPC by bench/fanout.ts:
 *
 *   subscribe { urls, count, query, variables, tokens } -> once every socket is open
 *   report                                              -> latencies, events per subscriber
 *   finished                                            -> how many have seen the run end
 *   close                                               -> all clients disposed
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { niceFromParent, serveParent } from './support/child';

// The CPU priority bench/fanout.ts gives this process (NICE), before it does anything.
niceFromParent();

interface Subscriber {
  client: Client;
  url: string;
  latencies: number[];
  statuses: string[];
  events: number;
  errors: number;
}

/** What one subscriber received, in order: its `at` and payload (the first subscriber's). */
interface TimelineEntry {
  at: string;
  payload: unknown;
}

const TERMINAL = new Set(['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED', 'CANCELLED']);

let subscribers: Subscriber[] = [];
let timeline: TimelineEntry[] = [];
/** Arrival times (ms epoch) of every delivery, by the event's `at`. */
let arrivals = new Map<string, number[]>();

async function subscribe(message: Record<string, unknown>): Promise<Record<string, unknown>> {
  const urls = message.urls as string[];
  const count = message.count as number;
  // The hub allows 20 sockets per token per process: a token per 20 clients of each URL.
  const tokens = (message.tokens as string[] | undefined) ?? [];
  timeline = [];
  arrivals = new Map();
  const opened: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const url = urls[i % urls.length];
    const token = tokens[Math.floor(i / (20 * urls.length))];
    let resolveOpen!: () => void;
    opened.push(new Promise((resolve) => (resolveOpen = resolve)));
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      // A socket refused (closed before it connected) is not waited for: the
      // driver then sees fewer subscribers than it asked for, and says so.
      on: { connected: () => resolveOpen(), closed: () => resolveOpen() },
    });
    const subscriber: Subscriber = {
      client,
      url,
      latencies: [],
      statuses: [],
      events: 0,
      errors: 0,
    };
    const first = i === 0;
    client.subscribe(
      { query: message.query as string, variables: message.variables as Record<string, unknown> },
      {
        next: (result) => {
          const received = Date.now();
          const event = (result.data as Record<string, { at: string; status: string }> | undefined)
            ?.runProgress;
          if (!event) {
            subscriber.errors += 1;
            return;
          }
          subscriber.events += 1;
          subscriber.latencies.push(received - Date.parse(event.at));
          const times = arrivals.get(event.at) ?? [];
          times.push(received);
          arrivals.set(event.at, times);
          if (subscriber.statuses.at(-1) !== event.status) subscriber.statuses.push(event.status);
          if (first) timeline.push({ at: event.at, payload: event });
        },
        error: () => {
          subscriber.errors += 1;
        },
        complete: () => undefined,
      },
    );
    subscribers.push(subscriber);
    // Open sockets in bursts of 50, each once the one before has connected:
    // a thousand at once overflow a busy hub's accept queue (ECONNRESET).
    if (i % 50 === 49) await Promise.all(opened.slice(-50));
  }
  await Promise.all(opened);
  return { subscribers: subscribers.length };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(): Record<string, unknown> {
  const all = subscribers.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const counts = subscribers.map((s) => s.events).sort((a, b) => a - b);
  const finalStatuses = subscribers.map((s) => s.statuses.join('>'));
  const statusSets = new Map<string, number>();
  for (const key of finalStatuses) statusSets.set(key, (statusSets.get(key) ?? 0) + 1);
  const byUrl: Record<string, { p50: number; p99: number }> = {};
  for (const url of new Set(subscribers.map((s) => s.url))) {
    const mine = subscribers
      .filter((s) => s.url === url)
      .flatMap((s) => s.latencies)
      .sort((a, b) => a - b);
    byUrl[url] = { p50: percentile(mine, 50), p99: percentile(mine, 99) };
  }
  return {
    byUrl,
    deliveries: all.length,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: all.at(-1) ?? NaN,
    eventsMin: counts[0] ?? 0,
    eventsMedian: percentile(counts, 50),
    eventsMax: counts.at(-1) ?? 0,
    errors: subscribers.reduce((sum, s) => sum + s.errors, 0),
    statusSequences: Object.fromEntries(statusSets),
    timeline,
    arrivals: Object.fromEntries(arrivals),
  };
}

async function close(): Promise<Record<string, unknown>> {
  await Promise.all(subscribers.map((s) => s.client.dispose()));
  subscribers = [];
  return {};
}

serveParent(async (message) => {
  if (message.type === 'subscribe') return subscribe(message);
  if (message.type === 'report') return report();
  if (message.type === 'close') return close();
  if (message.type === 'finished') {
    // Subscribers whose last event so far has an end status.
    const ended = subscribers.filter((s) => TERMINAL.has(s.statuses.at(-1) ?? '')).length;
    return { finished: ended };
  }
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    return { cpuMs: (cpu.user + cpu.system) / 1000 };
  }
  throw new Error(`unknown request ${message.type}`);
});
process.send?.({ type: 'ready' });
