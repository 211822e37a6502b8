/**
 * A real webhook receiver on 127.0.0.1: checks each request's
 * X-Tributary-Signature (HMAC-SHA256 of "<t>.<raw body>" under the secret)
 * and keeps every request it got; `behave` decides each answer (a status,
 * or 'hang' to answer only after the test ends).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** The event id of the body. */
  id: string;
  type: string;
  key: string | null;
  data: Record<string, any>;
  timestamp: string;
  /** The signature checked out under the secret, and was fresh. */
  signed: boolean;
  /** Time it arrived (ms). */
  at: number;
  /** The status answered ('hang': none in time). */
  answer: number | 'hang';
}

export type Behaviour = (body: Received, nth: number) => number | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  behave: Behaviour;
  /** Requests seen per event id. */
  countOf(id: string): number;
  close(): Promise<void>;
}

export function verifySignature(header: string | undefined, body: string, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

export async function startReceiver(
  secret: () => string,
  behave: Behaviour = () => 200,
  port = 0,
): Promise<Receiver> {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const receiver: Receiver = {
    url: '',
    received,
    behave,
    countOf: (id) => received.filter((r) => r.id === id).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(text) as Received;
      const entry: Received = {
        id: body.id,
        type: body.type,
        key: body.key,
        data: body.data,
        timestamp: body.timestamp,
        signed: verifySignature(req.headers['x-tributary-signature'] as string, text, secret()),
        at: Date.now(),
        answer: 200,
      };
      const nth = received.filter((r) => r.id === entry.id).length + 1;
      entry.answer = receiver.behave(entry, nth);
      received.push(entry);
      if (entry.answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(entry.answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
