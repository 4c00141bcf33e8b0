import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import { leaseIsGone } from '../../common/process-lease/process-leases.repository';
import { AttemptState, PaymentAttempt } from './payment-attempt.entity';

/** The payment_attempts table: each request to the gateway, recorded before it is sent. */
@Injectable()
export class PaymentAttemptsRepository {
  latestOf(manager: EntityManager, paymentId: string): Promise<PaymentAttempt | null> {
    return manager
      .getRepository(PaymentAttempt)
      .findOne({ order: { attemptNumber: 'DESC' }, where: { paymentId } });
  }

  /** Records the gateway's answer on an attempt still waiting for one; false if it was not. */
  async recordAnswer(
    manager: EntityManager,
    id: string,
    answer: Pick<PaymentAttempt, 'failureCode' | 'failureMessage' | 'gatewayRef' | 'state'>,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(PaymentAttempt)
      .update({ id, state: In(['pending', 'unknown']) }, { ...answer, respondedAt: new Date() });
    return result.affected === 1;
  }

  /** The gateway did not answer clearly; only an attempt still waiting can become unknown. */
  async markUnknown(manager: EntityManager, id: string, message: string): Promise<void> {
    await manager
      .getRepository(PaymentAttempt)
      .update(
        { id, state: In(['pending', 'unknown']) },
        { failureMessage: message, state: 'unknown' },
      );
  }

  /** The payment's attempts in `from` states become `to` (a bank debit settled or came back). */
  async resolveAll(
    manager: EntityManager,
    paymentId: string,
    from: AttemptState[],
    to: Pick<PaymentAttempt, 'state'> & Partial<Pick<PaymentAttempt, 'failureCode'>>,
  ): Promise<void> {
    await manager
      .getRepository(PaymentAttempt)
      .update({ paymentId, state: In(from) }, { ...to, respondedAt: new Date() });
  }

  /**
   * Processing payments whose attempt is unknown, or pending longer than a gateway call can take
   * (its sender failed before recording anything), or pending with its sender gone.
   */
  async unanswered(manager: EntityManager, staleAfterMinutes: number): Promise<string[]> {
    const rows: { payment_id: string }[] = await manager.query(
      `SELECT DISTINCT a.payment_id FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
        WHERE p.status = 'processing'
          AND (a.state = 'unknown'
               OR (a.state = 'pending' AND (a.created_at < now() - make_interval(mins => $1)
                                            OR ${leaseIsGone('a.owner_process_id')})))`,
      [staleAfterMinutes],
    );
    return rows.map((r) => r.payment_id);
  }

  /**
   * Takes over the unanswered attempts of processes that are gone, so that exactly one live
   * process asks the gateway about each, now. Returns their payments' ids.
   */
  async adoptOrphaned(manager: EntityManager, processId: string, limit: number): Promise<string[]> {
    const rows: [{ payment_id: string }[], number] = await manager.query(
      `UPDATE payment_attempts SET owner_process_id = $1
        WHERE id IN (
          SELECT a.id FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
           WHERE a.state IN ('pending', 'unknown') AND p.status = 'processing'
             AND a.owner_process_id IS DISTINCT FROM $1 AND ${leaseIsGone('a.owner_process_id')}
           LIMIT $2 FOR UPDATE OF a SKIP LOCKED)
        RETURNING payment_id`,
      [processId, limit],
    );
    return rows[0].map((r) => r.payment_id);
  }
}
