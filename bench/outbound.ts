/**
 * What the outbound policy costs a connector's requests: sequential GETs of
 * a 6 KB JSON page from a loopback server with Node's global fetch
 * (baseline), with undici's fetch through the guarded dispatcher
 * (security/outbound.ts), and with the whole HttpClient (retry policy,
 * streamed byte cap, scrubbing), in one process, alternating rounds so all
 * see the same machine load.
 *
 *   npm run bench:outbound                    # 3 rounds of 2,000 requests
 *   npm run bench:outbound -- --requests 10000 --rounds 5
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { HttpClient, noAuth } from '../src/connectors/http';
import { createLogger } from '../src/logger';
import { fetch as undiciFetch } from 'undici';
import { outboundDispatcher, setOutboundPolicy } from '../src/security/outbound';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
  },
});
const REQUESTS = Number(args.requests);
const ROUNDS = Number(args.rounds);

async function main(): Promise<void> {
  // The server is on loopback.
  setOutboundPolicy({ allowPrivateTargets: true });
  const page = JSON.stringify({
    data: Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, title: 'x'.repeat(40) })),
  });
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(page),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new HttpClient(
    {
      config: {
        baseUrl,
        timeoutMs: 10_000,
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      },
      authType: 'NONE',
      secrets: {},
      sourceEntity: 'BENCH',
      signal: new AbortController().signal,
      logger: createLogger({ level: 'silent' }),
    },
    noAuth,
  );
  const variants: [string, () => Promise<unknown>][] = [
    [
      'baseline: global fetch',
      async () => JSON.parse(await (await fetch(`${baseUrl}/page`)).text()),
    ],
    [
      'undici fetch, guarded dispatcher',
      async () =>
        JSON.parse(
          await (await undiciFetch(`${baseUrl}/page`, { dispatcher: outboundDispatcher() })).text(),
        ),
    ],
    ['HttpClient.getJson (+ retry policy, byte cap)', () => client.getJson('/page')],
  ];
  const results = new Map<string, number[]>();
  for (const [, send] of variants) for (let i = 0; i < 200; i++) await send();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, send] of variants) {
      const started = performance.now();
      for (let i = 0; i < REQUESTS; i++) await send();
      const perSecond = REQUESTS / ((performance.now() - started) / 1000);
      results.set(name, [...(results.get(name) ?? []), perSecond]);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const baseline = median(results.get(variants[0][0])!);
  console.log(`${REQUESTS} sequential GETs of ${page.length} bytes, ${ROUNDS} rounds (median):`);
  for (const [name] of variants) {
    const value = median(results.get(name)!);
    console.log(
      `  ${name.padEnd(44)} ${value.toFixed(0).padStart(6)} req/s  ${(value / baseline).toFixed(2)}x`,
    );
  }
  server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
