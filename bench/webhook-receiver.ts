/**
 * The receiver of `npm run bench:events`, in a process of its own: an HTTP
 * server on loopback that checks every request's X-Tributary-Signature
 * (HMAC-SHA256 under WEBHOOK_SECRET) and answers 204.
 *
 *   stats -> { received, verified, distinct }     reset -> {}
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from './support/child';

const secret = process.env.WEBHOOK_SECRET ?? '';
let received = 0;
let verified = 0;
let ids = new Set<string>();

function signed(header: string | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    received += 1;
    if (signed(req.headers['x-tributary-signature'] as string | undefined, body)) verified += 1;
    ids.add((JSON.parse(body) as { id: string }).id);
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;

serveParent(async (message) => {
  if (message.type === 'reset') {
    received = 0;
    verified = 0;
    ids = new Set();
    return {};
  }
  return { received, verified, distinct: ids.size };
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
