import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext } from '../auth-context';
import { AppException } from '../errors/app.exception';
import { ProblemType } from '../errors/problem';
import { IdempotencyKey } from './idempotency-key.entity';

/** What a money-moving endpoint answers; stored so that a replay answers the same. */
export interface StoredResponse<T = unknown> {
  status: number;
  body: T;
  replayed?: boolean;
}

export interface IdempotentRequest {
  auth: AuthContext;
  endpoint: string;
  key: string | undefined;
  body: unknown;
}

/** Long enough for any gateway call to finish; a claim older than this was lost with its process. */
const IN_FLIGHT_MS = 120_000;
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/**
 * Runs a money-moving request at most once per (credential, endpoint, key). The same key and
 * body replay the first answer whatever its status; another body is a 409; a key still in
 * flight is a 409 to retry later; a 400 is not stored.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    request: IdempotentRequest,
    work: (claim: IdempotencyClaim) => Promise<StoredResponse<T>>,
    recover: (resourceId: string) => Promise<StoredResponse<T>>,
  ): Promise<StoredResponse<T>> {
    if (request.key === undefined) return work(NO_CLAIM);
    const scope = `${request.auth.kind}:${request.auth.id}`;
    const hash = requestHash(request.body);
    const claimed = await this.claim(scope, request.endpoint, request.key, hash);
    if ('replay' in claimed) return claimed.replay as StoredResponse<T>;
    if ('recoverResource' in claimed) {
      const recovered = await recover(claimed.recoverResource);
      await this.complete(claimed.id, recovered);
      return { ...recovered, replayed: true };
    }
    const claim = new IdempotencyClaim(claimed.id);
    try {
      const response = await work(claim);
      await this.complete(claimed.id, response);
      return response;
    } catch (error) {
      if (error instanceof AppException && error.status !== HttpStatus.BAD_REQUEST) {
        await this.complete(claimed.id, { body: error, status: error.status });
      } else {
        // Bad input or an unexpected failure: free the key unless work was committed under it.
        await this.dataSource.query(
          'DELETE FROM idempotency_keys WHERE id = $1 AND resource_id IS NULL',
          [claimed.id],
        );
      }
      throw error;
    }
  }

  async purgeOlderThan(hours = IDEMPOTENCY_RETENTION_HOURS): Promise<number> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    return Number(count ?? 0);
  }

  private async claim(
    scope: string,
    endpoint: string,
    key: string,
    hash: string,
  ): Promise<
    { id: string } | { replay: StoredResponse } | { id: string; recoverResource: string }
  > {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, endpoint, key, request_hash, locked_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (scope, endpoint, key) DO NOTHING RETURNING id`,
      [scope, endpoint, key, hash, IN_FLIGHT_MS / 1000],
    );
    if (inserted.length) return inserted[0];
    const existing = await this.dataSource.getRepository(IdempotencyKey).findOneByOrFail({
      endpoint,
      key,
      scope,
    });
    if (existing.requestHash !== hash)
      throw new AppException(
        HttpStatus.CONFLICT,
        'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
        {
          errors: [{ field: 'Idempotency-Key', message: 'was used with another request body' }],
          type: ProblemType.idempotencyConflict,
        },
      );
    if (existing.responseStatus !== null)
      return {
        replay: {
          body: existing.responseBody,
          replayed: true,
          status: existing.responseStatus,
        },
      };
    if (existing.lockedUntil.getTime() > Date.now())
      throw new AppException(
        HttpStatus.CONFLICT,
        'A request with this Idempotency-Key is still being processed; retry in a few seconds.',
        { headers: { 'Retry-After': '2' }, type: ProblemType.idempotencyConflict },
      );
    // The first request's process died. Take the key over, atomically, so only one retry does.
    const [taken]: { id: string; resource_id: string | null }[][] = await this.dataSource.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND response_status IS NULL AND locked_until <= now()
        RETURNING id, resource_id`,
      [existing.id, IN_FLIGHT_MS / 1000],
    );
    if (!taken?.length)
      throw new AppException(
        HttpStatus.CONFLICT,
        'A request with this Idempotency-Key is still being processed; retry in a few seconds.',
        { headers: { 'Retry-After': '2' }, type: ProblemType.idempotencyConflict },
      );
    const row = taken[0];
    this.logger.warn({ endpoint, key, scope }, 'Taking over an abandoned idempotency key');
    return row.resource_id ? { id: row.id, recoverResource: row.resource_id } : { id: row.id };
  }

  private async complete(id: string, response: StoredResponse): Promise<void> {
    const body =
      response.body instanceof AppException ? problemSnapshot(response.body) : response.body;
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $2, response_body = $3 WHERE id = $1`,
      [id, response.status, JSON.stringify(body)],
    );
  }
}

/** Handed to the work so it can tie the key to the resource inside its own transaction. */
export class IdempotencyClaim {
  constructor(private readonly id: string | null) {}

  async attach(manager: EntityManager, resourceId: string): Promise<void> {
    if (!this.id) return;
    await manager.query('UPDATE idempotency_keys SET resource_id = $2 WHERE id = $1', [
      this.id,
      resourceId,
    ]);
  }
}
const NO_CLAIM = new IdempotencyClaim(null);

/** A replayed error is stored as the exception's parts and thrown again on replay. */
function problemSnapshot(error: AppException) {
  return {
    __problem: true,
    detail: error.detail,
    errors: error.options.errors,
    type: error.type,
  };
}

export function isStoredProblem(
  body: unknown,
): body is { __problem: true; detail: string; errors?: []; type: string } {
  return typeof body === 'object' && body !== null && '__problem' in body;
}

/** Same JSON meaning, same hash: keys are sorted so property order does not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
