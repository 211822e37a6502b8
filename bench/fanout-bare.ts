/**
 * The floor of `npm run bench:fanout`: a bare graphql-ws server (graphql-js,
 * an SDL schema with the same RunProgressEvent fields as the hub, an
 * in-process pub/sub from @graphql-yoga/subscription) that broadcasts the
 * events it is given over IPC, at the same intervals, each stamped `at` when
 * it is published. No database, no authentication, no sync running beside it.
 *
 *   broadcast { events: [{ offsetMs, payload }] }  -> once all are published
 *   stats                                           -> { subscribers }
 */
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { niceFromParent, serveParent } from './support/child';

// The CPU priority bench/fanout.ts gives this process (NICE), before it does anything.
niceFromParent();

const schema = buildSchema(`
  type Connector { id: ID! }
  type Run { id: ID! type: String! status: String! connector: Connector! }
  type RunProgress { phase: String! recordsProcessed: Int! recordsTotal: Int fraction: Float
                     ratePerSecond: Float! etaSeconds: Float }
  type RunStats { recordsFetched: Int! recordsCreated: Int! recordsUpdated: Int!
                  recordsSkipped: Int! recordsFailed: Int! pagesFetched: Int! }
  type RunProgressEvent { run: Run! progress: RunProgress! stats: RunStats! status: String! at: String! }
  type Query { ok: Boolean }
  type Subscription { runProgress(runId: ID, connectorId: ID): RunProgressEvent! }
`);

type Payload = Record<string, unknown>;
// One EventTarget listener per subscriber: a thousand is expected here.
const eventTarget = new EventTarget();
setMaxListeners(0, eventTarget);
const pubsub = createPubSub<{ progress: [Payload] }>({ eventTarget });
let subscribers = 0;

const roots = {
  runProgress: async function* () {
    subscribers += 1;
    try {
      for await (const payload of pubsub.subscribe('progress')) yield { runProgress: payload };
    } finally {
      subscribers -= 1;
    }
  },
};

async function main(): Promise<void> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer({ schema, roots: { subscription: roots } }, wss);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  serveParent(async (message) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      return { subscribers, cpuMs: (cpu.user + cpu.system) / 1000 };
    }
    if (message.type === 'broadcast') {
      const events = message.events as { offsetMs: number; payload: Payload }[];
      const start = performance.now();
      for (const { offsetMs, payload } of events) {
        const wait = start + offsetMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        pubsub.publish('progress', { ...payload, at: new Date().toISOString() });
      }
      return { published: events.length };
    }
    throw new Error(`unknown request ${message.type}`);
  });
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
