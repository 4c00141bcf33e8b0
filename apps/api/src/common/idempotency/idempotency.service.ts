import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { Payer } from '../auth-context';
import { AppException } from '../errors/app.exception';
import { ProblemType } from '../errors/problem';
import { ProcessLeaseService } from '../process-lease/process-lease.service';
import { ClaimHolder, IdempotencyRepository, KeyScope } from './idempotency.repository';

/** What a money-moving endpoint answers; stored so that a replay answers the same. */
export interface StoredResponse<T = unknown> {
  status: number;
  body: T;
  replayed?: boolean;
}

export interface IdempotentRequest {
  auth: Payer;
  endpoint: string;
  key: string | undefined;
  body: unknown;
}

/**
 * Long enough for any gateway call to finish. A retry may take a key over sooner: as soon as the
 * process holding it is gone (its lease ended or expired).
 */
const IN_FLIGHT_MS = 120_000;
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/**
 * Runs a money-moving request at most once per (credential, endpoint, key). The same key and
 * body replay the first answer whatever its status; another body is a 409; a key still in
 * flight is a 409 to retry later. A 400 or a 5xx is not stored: the key is free again at once.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: IdempotencyRepository,
    private readonly lease: ProcessLeaseService,
  ) {}

  async run<T>(
    request: IdempotentRequest,
    work: (claim: IdempotencyClaim) => Promise<StoredResponse<T>>,
    recover: (resourceId: string) => Promise<StoredResponse<T>>,
  ): Promise<StoredResponse<T>> {
    if (request.key === undefined) return work(NO_CLAIM);
    const scope: KeyScope = {
      endpoint: request.endpoint,
      key: request.key,
      scope: `${request.auth.kind}:${request.auth.id}`,
    };
    const holder: ClaimHolder = { processId: this.lease.processId, token: randomUUID() };
    const claimed = await this.claim(scope, requestHash(request.body), holder);
    if ('replay' in claimed) return claimed.replay as StoredResponse<T>;
    if (claimed.recoverResource) {
      const recovered = await recover(claimed.recoverResource);
      await this.complete(claimed.id, holder, recovered);
      return { ...recovered, replayed: true };
    }
    try {
      const response = await work(new IdempotencyClaim(this.keys, claimed.id, holder.token));
      await this.complete(claimed.id, holder, response);
      return response;
    } catch (error) {
      if (isReplayableFailure(error)) {
        await this.complete(claimed.id, holder, { body: error, status: error.status });
      } else {
        await this.keys.release(this.dataSource.manager, claimed.id, holder.token);
      }
      throw error;
    }
  }

  purgeOlderThan(hours = IDEMPOTENCY_RETENTION_HOURS): Promise<number> {
    return this.keys.deleteOlderThan(this.dataSource.manager, hours);
  }

  private async claim(
    scope: KeyScope,
    hash: string,
    holder: ClaimHolder,
  ): Promise<{ replay: StoredResponse } | { id: string; recoverResource: string | null }> {
    const manager = this.dataSource.manager;
    const id = await this.keys.claim(manager, scope, hash, IN_FLIGHT_MS, holder);
    if (id) return { id, recoverResource: null };
    const existing = await this.keys.find(manager, scope);
    if (!existing) throw stillInFlight(); // purged between the two statements: retry
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
        replay: { body: existing.responseBody, replayed: true, status: existing.responseStatus },
      };
    // Unanswered: still running, or its process died, or it failed after committing. Only the
    // last two may take it over, atomically, so that only one retry does.
    const taken = await this.keys.takeOver(manager, existing.id, IN_FLIGHT_MS, holder);
    if (!taken) throw stillInFlight();
    this.logger.warn(scope, 'Taking over an idempotency key whose request did not finish');
    return { id: taken.id, recoverResource: taken.resourceId };
  }

  private async complete(id: string, holder: ClaimHolder, response: StoredResponse): Promise<void> {
    const body =
      response.body instanceof AppException ? problemSnapshot(response.body) : response.body;
    await this.keys.complete(this.dataSource.manager, id, holder.token, response.status, body);
  }
}

/** Handed to the work so it can tie the key to the resource inside its own transaction. */
export class IdempotencyClaim {
  constructor(
    private readonly keys: IdempotencyRepository | null,
    private readonly id: string | null,
    private readonly token: string | null,
  ) {}

  /**
   * Fails, and so rolls back the caller's transaction, when a retry took the key over meanwhile
   * (this process was thought gone): the retry's resource is the one the key answers with.
   */
  async attach(manager: EntityManager, resourceId: string): Promise<void> {
    if (!this.keys || !this.id || !this.token) return;
    if (!(await this.keys.attachResource(manager, this.id, this.token, resourceId)))
      throw stillInFlight();
  }
}
const NO_CLAIM = new IdempotencyClaim(null, null, null);

/** A refusal the client caused (409, 422…) is the answer; bad input and our failures are not. */
function isReplayableFailure(error: unknown): error is AppException {
  return (
    error instanceof AppException &&
    error.status !== HttpStatus.BAD_REQUEST &&
    error.status < HttpStatus.INTERNAL_SERVER_ERROR
  );
}

function stillInFlight(): AppException {
  return new AppException(
    HttpStatus.CONFLICT,
    'A request with this Idempotency-Key is still being processed; retry in a few seconds.',
    { headers: { 'Retry-After': '2' }, type: ProblemType.idempotencyConflict },
  );
}

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
