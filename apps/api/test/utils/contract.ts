import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { OpenApiContract, OpenApiDocument } from '@settle/testing';
import { FastifyInstance } from 'fastify';

/**
 * Requests that openapi/openapi.json does not describe, on purpose. Every other response a test
 * receives is checked against the document, and a mismatch fails that test.
 */
export const UNCOVERED_REQUESTS: { method?: string; path: RegExp; why: string }[] = [
  { path: /^\/admin\/queues(\/|$)/, why: 'the Bull Board UI and the JSON it serves itself' },
  { path: /^\/api\/docs(-json)?(\/|$)/, why: 'Swagger UI and the document itself' },
  {
    method: 'POST',
    path: /^\/api\/v1\/webhooks\/stripe$/,
    why: "Stripe's contract, not ours: @ApiExcludeEndpoint keeps it out of the document",
  },
  { path: /^\/(?!(api|health|admin\/queues)(\/|$))/, why: 'the SPAs, their routes and assets' },
];

export interface ContractMismatch {
  request: string;
  operation: string;
  status: number;
  problems: string[];
}

// On globalThis, so that a test file's own module registry and the setup file's agree.
const store = globalThis as typeof globalThis & { __settleContractMismatches?: ContractMismatch[] };
const mismatches = (store.__settleContractMismatches ??= []);

let contract: OpenApiContract | undefined;
function loadContract(): OpenApiContract {
  const file = resolve(__dirname, '../../../../openapi/openapi.json');
  contract ??= new OpenApiContract(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument);
  return contract;
}

/**
 * Checks every response the app sends, on the server side so that browser journeys and webhook
 * deliveries from the fake Stripe are checked as well as supertest's requests. Must be called
 * before the app is ready.
 */
export function checkResponsesAgainstOpenApi(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    try {
      const method = request.method;
      const path = request.url.split('?')[0];
      const uncovered = UNCOVERED_REQUESTS.some(
        (u) => (!u.method || u.method === method) && u.path.test(path),
      );
      if (!uncovered) {
        const contentType = reply.getHeader('content-type');
        const verdict = loadContract().check({
          body: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined,
          contentType: contentType === undefined ? undefined : String(contentType),
          method,
          status: reply.statusCode,
          url: path,
        });
        if (verdict.problems.length) {
          mismatches.push({ ...verdict, request: `${method} ${path}`, status: reply.statusCode });
        }
      }
    } catch (error) {
      mismatches.push({
        operation: `${request.method} ${request.url}`,
        problems: [`the contract check itself failed: ${(error as Error).stack}`],
        request: `${request.method} ${request.url}`,
        status: reply.statusCode,
      });
    }
    done(null, payload);
  });
}

/** Empties the record and describes what it held, or returns undefined when it held nothing. */
export function takeContractMismatches(): string | undefined {
  const found = mismatches.splice(0);
  if (!found.length) return undefined;
  const lines = found.map(
    (m) =>
      `${m.operation} answered ${m.status} to ${m.request}:\n${m.problems.map((p) => `    ${p}`).join('\n')}`,
  );
  return `${found.length} response(s) differ from openapi/openapi.json:\n  ${lines.join('\n  ')}`;
}
