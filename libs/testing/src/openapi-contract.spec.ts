import { describe, expect, it } from '@jest/globals';
import { OpenApiContract, OpenApiDocument } from './openapi-contract';

const problem = {
  content: {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
  },
  description: 'error',
};

const document: OpenApiDocument = {
  components: {
    schemas: {
      Installment: {
        properties: { count: { type: 'integer' } },
        required: ['count'],
        type: 'object',
      },
      Payment: {
        properties: {
          dueDate: { format: 'date', type: 'string' },
          failureCode: { nullable: true, type: 'string' },
          id: { format: 'uuid', type: 'string' },
          installment: {
            allOf: [{ $ref: '#/components/schemas/Installment' }],
            nullable: true,
            type: 'object',
          },
          plan: {
            anyOf: [
              { $ref: '#/components/schemas/Installment' },
              { enum: [null], nullable: true, type: 'object' },
            ],
          },
          status: { enum: ['succeeded', 'failed'], type: 'string' },
        },
        required: ['id', 'status', 'failureCode', 'dueDate'],
        type: 'object',
      },
      Problem: {
        properties: { status: { type: 'integer' } },
        required: ['status'],
        type: 'object',
      },
    },
  },
  paths: {
    '/payments/quote': {
      post: { operationId: 'quote', responses: { '200': { description: 'ok' } } },
    },
    '/payments/{id}': {
      delete: { operationId: 'remove', responses: { '204': { description: 'gone' } } },
      get: {
        operationId: 'getPayment',
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Payment' } } },
            description: 'ok',
          },
          '4XX': problem,
        },
      },
    },
  },
};

const payment = {
  dueDate: '2026-02-28',
  failureCode: null,
  id: '7b0c2a52-0f5e-4c36-9d8e-1f3c5b9a2e10',
  plan: null,
  status: 'succeeded',
};

describe('OpenApiContract', () => {
  const contract = new OpenApiContract(document, {
    problemSchemaRef: '#/components/schemas/Problem',
  });
  const get = (body: unknown, status = 200, contentType = 'application/json; charset=utf-8') =>
    contract.check({
      body: JSON.stringify(body),
      contentType,
      method: 'get',
      status,
      url: `/payments/${payment.id}?expand=all`,
    });

  it('accepts a response that matches, with OpenAPI 3.0 nullable honoured', () => {
    expect(get(payment)).toEqual({ operation: 'getPayment (GET /payments/{id})', problems: [] });
    expect(get({ ...payment, plan: { count: 2 } }).problems).toEqual([]);
  });

  it('refuses null where nullable sits beside an allOf that does not allow it', () => {
    expect(get({ ...payment, installment: null }).problems).toEqual([
      '$.installment: expected object, got null',
    ]);
  });

  it('names the JSON path, what was expected and what came back', () => {
    const { problems } = get({ ...payment, dueDate: '2026-02-30', extra: 1, status: 'lost' });
    expect(problems).toEqual(
      expect.arrayContaining([
        '$.dueDate: expected format date, got "2026-02-30"',
        '$.status: expected one of ["succeeded","failed"], got "lost"',
        '$.extra: expected no such property (undocumented), got 1',
      ]),
    );
    expect(get({ id: payment.id }).problems).toContain(
      '$.status: expected a value (required), got nothing',
    );
  });

  it('matches an error by its status range and checks the media type', () => {
    expect(get({ status: 404 }, 404, 'application/problem+json').problems).toEqual([]);
    expect(get({ status: 404 }, 404).problems).toEqual([
      'content-type: expected application/problem+json (response 4XX), got application/json',
    ]);
    expect(get({ status: 500 }, 500, 'application/problem+json').problems).toEqual([
      'status 500 is not documented (documented: 200, 4XX)',
    ]);
  });

  it('prefers a literal path segment to a parameter, and reports what it cannot match', () => {
    const quote = contract.check({ method: 'POST', status: 200, url: '/payments/quote' });
    expect(quote).toEqual({ operation: 'quote (POST /payments/quote)', problems: [] });
    expect(contract.check({ method: 'GET', status: 200, url: '/refunds' }).problems).toEqual([
      'no path in the document matches, and the answer is a 200, not 404',
    ]);
    expect(
      contract.check({ method: 'PUT', status: 200, url: `/payments/${payment.id}` }).problems,
    ).toEqual([
      '/payments/{id} documents no PUT (only GET, DELETE), and the answer is a 200, not 404 or 405',
    ]);
  });

  it('accepts only a 404 problem document for a route the document lacks', () => {
    const notFound = JSON.stringify({ status: 404 });
    const problem = 'application/problem+json';
    const url = '/refunds';
    expect(
      contract.check({ body: notFound, contentType: problem, method: 'GET', status: 404, url })
        .problems,
    ).toEqual([]);
    expect(
      contract.check({ body: '{}', contentType: problem, method: 'GET', status: 404, url }).problems
        .length,
    ).toBeGreaterThan(0);
    expect(
      contract.check({ body: 'gone', contentType: 'text/plain', method: 'GET', status: 404, url })
        .problems,
    ).toEqual(['content-type: expected application/problem+json (response 404), got text/plain']);
  });

  it('refuses a body where the response documents none', () => {
    const url = `/payments/${payment.id}`;
    expect(contract.check({ body: '', method: 'DELETE', status: 204, url }).problems).toEqual([]);
    expect(
      contract.check({
        body: '{}',
        contentType: 'application/json',
        method: 'DELETE',
        status: 204,
        url,
      }).problems,
    ).toEqual(['response 204 documents no body, got application/json (2 bytes)']);
  });

  it('may allow undocumented properties when asked to', () => {
    const lenient = new OpenApiContract(document, { allowUndocumentedProperties: true });
    const verdict = lenient.check({
      body: JSON.stringify({ ...payment, extra: 1 }),
      contentType: 'application/json',
      method: 'GET',
      status: 200,
      url: `/payments/${payment.id}`,
    });
    expect(verdict.problems).toEqual([]);
  });
});
