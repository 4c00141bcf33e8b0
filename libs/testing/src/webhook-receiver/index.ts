import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One POST the receiver got, with the raw body as it arrived. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  receivedAt: Date;
}

/**
 * A webhook endpoint for tests: records every request and answers what the test scripts, per
 * path (`/ok`, `/flaky`, …): a status, or a hang that never answers.
 */
export interface WebhookReceiver {
  url(path: string): string;
  received: ReceivedWebhook[];
  /** Answers for the next requests to `path`, in order; then 200. */
  script(path: string, answers: (number | 'hang')[]): void;
  /** Every request to `path` gets this answer until changed. */
  always(path: string, answer: number | 'hang'): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, (number | 'hang')[]>();
  const fixed = new Map<string, number | 'hang'>();
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(request.url ?? '/', 'http://receiver').pathname;
      let body: ReceivedWebhook['body'];
      try {
        body = JSON.parse(rawBody) as ReceivedWebhook['body'];
      } catch {
        body = { createdAt: '', data: {}, id: '', type: '' };
      }
      received.push({ body, headers: request.headers, path, rawBody, receivedAt: new Date() });
      const answer = scripts.get(path)?.shift() ?? fixed.get(path) ?? 200;
      if (answer === 'hang') {
        const end = () => response.destroy();
        hanging.add(end);
        response.on('close', () => hanging.delete(end));
        return;
      }
      response.writeHead(answer, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ received: body.id, status: answer }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    always: (path, answer) => fixed.set(path, answer),
    close: async () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    received,
    script: (path, answers) => scripts.set(path, [...answers]),
    url: (path) => `http://127.0.0.1:${port}${path}`,
  };
}

/**
 * Checks a Settle-Signature header the way a receiver should: `t=<unix>,v1=<hex>` where v1 is
 * the HMAC-SHA256 of "<t>.<raw body>" with the endpoint's secret, compared in constant time,
 * and t no older than `toleranceSeconds`.
 */
export function verifySettleSignature(
  header: string | undefined,
  rawBody: string,
  secret: string,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}
