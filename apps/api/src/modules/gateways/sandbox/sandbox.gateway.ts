import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';

import { requestHash } from '../../../common/idempotency/idempotency.service';
import {
  ChargeOutcome,
  ChargeRequest,
  GatewayRejectedError,
  GatewayUnavailableError,
  PaymentGateway,
  RefundOutcome,
  RefundRequest,
  SettlementStatus,
  TokenizedMethod,
} from '../payment-gateway';
import { PaymentSettingsService } from '../payment-settings.service';
import { SandboxCharge } from './sandbox-charge.entity';
import { SandboxRefund } from './sandbox-refund.entity';
import { sandboxTestMethod } from './sandbox-test-methods';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The built-in gateway: deterministic outcomes from test tokens, a configurable latency, and a
 * settlement clock that tests and demos move forward instead of waiting days.
 */
@Injectable()
export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox' as const;
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: PaymentSettingsService,
  ) {}

  async tokenize(input: { token: string }): Promise<TokenizedMethod> {
    await this.latency();
    const method = sandboxTestMethod(input.token);
    if (!method)
      throw new GatewayRejectedError(
        'is not a sandbox test payment method (see GET /api/v1/payment-gateway)',
        'unknown_token',
      );
    const expires = method.type === 'card';
    return {
      brand: method.brand,
      expMonth: expires ? 12 : null,
      expYear: expires ? new Date().getUTCFullYear() + 3 : null,
      gatewayCustomerRef: null,
      gatewayRef: method.token,
      last4: method.last4,
      type: method.type,
    };
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    await this.latency();
    const method = sandboxTestMethod(request.paymentMethodRef);
    if (!method) throw new GatewayRejectedError('Unknown sandbox payment method', 'unknown_token');
    const hash = requestHash({
      amount: request.amount,
      currency: request.currency,
      token: request.paymentMethodRef,
    });
    const now = await this.now();
    const { achSettlementHours } = (await this.settings.get()).sandbox;
    const outcome = method.outcome;
    const status =
      outcome.kind === 'decline' ? 'failed' : method.type === 'card' ? 'succeeded' : 'processing';
    const created: unknown[] = await this.dataSource.query(
      `INSERT INTO sandbox_charges (id, idempotency_key, request_hash, token, amount, currency, status, failure_code, settles_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        id('sbx_ch'),
        request.idempotencyKey,
        hash,
        method.token,
        request.amount,
        request.currency,
        status,
        outcome.kind === 'decline' ? outcome.code : null,
        status === 'processing' ? new Date(now.getTime() + achSettlementHours * 3_600_000) : null,
      ],
    );
    const charge = await this.dataSource
      .getRepository(SandboxCharge)
      .findOneByOrFail({ idempotencyKey: request.idempotencyKey });
    if (charge.requestHash !== hash)
      throw new GatewayRejectedError(
        'Keys for idempotent requests can only be used with the same parameters',
        'idempotency_error',
      );
    // Only the call that made the charge loses its answer; asking again finds the charge.
    if (outcome.kind === 'lose-first-response' && created.length > 0)
      throw new GatewayUnavailableError('Sandbox: the response was lost after the charge was made');
    if (charge.status === 'failed' && outcome.kind === 'decline')
      return {
        code: outcome.code,
        gatewayRef: charge.id,
        message: outcome.message,
        status: 'failed',
      };
    return {
      gatewayRef: charge.id,
      status: charge.status === 'processing' ? 'processing' : 'succeeded',
    };
  }

  async settlement(gatewayPaymentRef: string): Promise<SettlementStatus> {
    const charge = await this.dataSource
      .getRepository(SandboxCharge)
      .findOneBy({ id: gatewayPaymentRef });
    if (!charge) throw new GatewayRejectedError('No such sandbox charge', 'resource_missing');
    if (charge.status === 'succeeded') return { status: 'succeeded' };
    if (!charge.settlesAt || charge.settlesAt > (await this.now())) return { status: 'processing' };
    const outcome = sandboxTestMethod(charge.token)?.outcome;
    return outcome?.kind === 'return'
      ? { message: outcome.message, returnCode: outcome.returnCode, status: 'returned' }
      : { status: 'succeeded' };
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    await this.latency();
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager
        .getRepository(SandboxRefund)
        .findOneBy({ idempotencyKey: request.idempotencyKey });
      if (existing) return { gatewayRef: existing.id, status: 'succeeded' as const };
      const charge = await manager.getRepository(SandboxCharge).findOne({
        lock: { mode: 'pessimistic_write' },
        where: { id: request.gatewayPaymentRef },
      });
      if (!charge) return { message: 'No such charge', status: 'failed' as const };
      if (charge.amountRefunded + request.amount > charge.amount)
        return {
          message: 'Refund amount is greater than the unrefunded amount on the charge',
          status: 'failed' as const,
        };
      const refundId = id('sbx_re');
      await manager.getRepository(SandboxRefund).insert({
        amount: request.amount,
        chargeId: charge.id,
        id: refundId,
        idempotencyKey: request.idempotencyKey,
      });
      await manager
        .getRepository(SandboxCharge)
        .update(charge.id, { amountRefunded: charge.amountRefunded + request.amount });
      return { gatewayRef: refundId, status: 'succeeded' as const };
    });
  }

  /** The sandbox's "now": the real time plus the offset staff or tests moved it by. */
  async now(): Promise<Date> {
    const { clockOffsetMs } = (await this.settings.get()).sandbox;
    return new Date(Date.now() + clockOffsetMs);
  }

  private async latency(): Promise<void> {
    const { latencyMs } = (await this.settings.get()).sandbox;
    if (latencyMs > 0) await sleep(latencyMs);
  }
}
