import { Injectable } from '@nestjs/common';

import { Actor } from '../../common/auth-context';
import { Page } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { PaymentQueriesService, PaymentsService } from '../payments';
import { AutopayApprovalResponseDto, ListAutopayApprovalsQueryDto } from './dto/autopay-run.dto';

/** AutoPay payments waiting for staff, approved or rejected one by one or in bulk. */
@Injectable()
export class AutopayApprovalsService {
  constructor(
    private readonly payments: PaymentsService,
    private readonly queries: PaymentQueriesService,
  ) {}

  list(query: ListAutopayApprovalsQueryDto): Promise<Page<unknown>> {
    return this.queries.list({ ...query, status: 'pending_approval' });
  }

  /**
   * Each payment on its own: one that is no longer waiting (approved by someone else meanwhile)
   * is reported, and the others still go through.
   */
  async decide(
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
