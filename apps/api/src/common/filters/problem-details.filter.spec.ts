import { BadRequestException, NotFoundException } from '@nestjs/common';

import { AppException } from '../errors/app.exception';
import { toProblem } from './problem-details.filter';

describe('toProblem', () => {
  it('renders an AppException with its type, field errors and headers', () => {
    const { problem, headers } = toProblem(
      new AppException(429, 'Slow down', { headers: { 'retry-after': '60' } }),
      'req-1',
    );
    expect(problem).toEqual({
      detail: 'Slow down',
      requestId: 'req-1',
      status: 429,
      title: 'Too Many Requests',
      type: 'urn:settle:problem:too-many-requests',
    });
    expect(headers).toEqual({ 'retry-after': '60' });
  });

  it('always gives a 400 an errors array', () => {
    expect(toProblem(new BadRequestException('Unexpected token'), null).problem.errors).toEqual([
      { field: 'body', message: 'Unexpected token' },
    ]);
    expect(
      toProblem(AppException.invalidField('amount', 'must be an integer'), null).problem.errors,
    ).toEqual([{ field: 'amount', message: 'must be an integer' }]);
  });

  it('hides the cause of anything unexpected behind a generic 500', () => {
    const { problem } = toProblem(
      new Error('relation "users" does not exist at Parser.parse (pg/lib/parser.js)'),
      'req-2',
    );
    expect(problem.status).toBe(500);
    expect(problem.type).toBe('urn:settle:problem:internal-error');
    expect(JSON.stringify(problem)).not.toMatch(/relation|pg\/lib/);
    expect(problem.requestId).toBe('req-2');
  });

  it('does not echo framework 404 wording', () => {
    expect(toProblem(new NotFoundException('Cannot GET /secret'), null).problem.detail).toBe(
      'No such resource',
    );
  });

  it('names the URL, without echoing it, when fastify cannot decode or route it', () => {
    const badUrl = Object.assign(new Error("'/api/v1/users/%zz' is not a valid url component"), {
      code: 'FST_ERR_BAD_URL',
      statusCode: 400,
    });
    const { problem } = toProblem(badUrl, 'req-3');
    expect(problem).toMatchObject({
      detail: 'The URL must be valid percent-encoded UTF-8',
      errors: [{ field: 'url', message: 'must be valid percent-encoded UTF-8' }],
      status: 400,
    });
    const tooLong = Object.assign(
      new Error(`'/${'x'.repeat(600)}' is exceeding the max param length`),
      {
        code: 'FST_ERR_MAX_PARAM_LENGTH',
        statusCode: 414,
      },
    );
    expect(toProblem(tooLong, null).problem).toMatchObject({
      detail: 'The URL has a path segment that is too long',
      status: 414,
      title: 'URI Too Long',
      type: 'urn:settle:problem:uri-too-long',
    });
  });
});
