import { Injectable } from '@nestjs/common';

import { Actor, AuthContext } from '../../common/auth-context';
import { Page } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { PaymentQueriesService, PaymentsService } from '../payments';
import { AutopayApprovalResponseDto, ListAutopayApprovalsQueryDto } from './dto/autopay-run.dto';

/** AutoPay payments waiting for staff, approved or rejected one by one or in bulk. */
@Injectable()
export class AutopayApprovalsService {
  constructor(
    private readonly payments: PaymentsService,
    private readonly queries: PaymentQueriesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  list(query: ListAutopayApprovalsQueryDto): Promise<Page<unknown>> {
    return this.queries.list({ ...query, status: 'pending_approval' });
  }

  /**
   * Each payment on its own: one that is no longer waiting (approved by someone else meanwhile)
   * is reported, and the others still go through. With an Idempotency-Key, a retried request
   * replays the first answer; without one, a retry reports each payment as no longer waiting,
   * and charges nothing twice either way.
   */
  decide(
    actor: AuthContext,
    paymentIds: string[],
    decision: 'approve' | 'reject',
    key: string | undefined,
  ): Promise<StoredResponse<AutopayApprovalResponseDto>> {
    return this.idempotency.run(
      { auth: actor, body: { paymentIds }, endpoint: `POST /autopay/approvals/${decision}`, key },
      async () => ({ body: await this.decideEach(actor, paymentIds, decision), status: 200 }),
      // nothing is attached to the key: a claim left by a dead process is done again
      () => Promise.reject(new Error('AutoPay approvals attach no resource')),
    );
  }

  private async decideEach(
    actor: Actor,
    paymentIds: string[],
    decision: 'approve' | 'reject',
  ): Promise<AutopayApprovalResponseDto> {
    const data: AutopayApprovalResponseDto['data'] = [];
    for (const paymentId of [...new Set(paymentIds)]) {
      try {
        const payment =
          decision === 'approve'
            ? await this.payments.approve(actor, paymentId)
            : await this.payments.reject(actor, paymentId);
        data.push({ error: null, ok: true, paymentId, status: payment.status });
      } catch (error) {
        if (!(error instanceof AppException)) throw error;
        data.push({ error: error.message, ok: false, paymentId, status: null });
      }
    }
    return { data };
  }
}
