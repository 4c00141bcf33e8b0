import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { startOfDayIn } from '@settle/domain';
import { DataSource } from 'typeorm';

import { InvoicesService } from '../invoices';
import { SettingsService } from '../settings';
import {
  InvoiceActivityEntryDto,
  InvoiceActivityResponseDto,
  MAX_INVOICE_ACTIVITY,
} from './dto/invoice-activity.dto';
import { formatAmount } from './format-amount';
import { PaymentEventType } from './payment-event.entity';
import { paymentNumber } from './payment-ledger';
import { InvoiceActivityRow, PaymentReadsRepository } from './payment-reads.repository';

/** What each payment event says about the payment, after "Payment PAY-000012 of $250.00". */
const PAYMENT_EVENT_WORDS: Record<PaymentEventType, string> = {
  accounting_sync_dismissed: 'is no longer synced to accounting',
  accounting_sync_failed: 'could not be synced to accounting',
  accounting_sync_queued: 'is waiting to sync to accounting',
  accounting_synced: 'was synced to accounting',
  adjusted: 'was reduced',
  approved: 'was approved for AutoPay',
  attempt_sent: 'was sent to the gateway',
  cancelled: 'was cancelled',
  created: 'was created',
  failed: 'failed',
  gateway_response: 'was answered by the gateway',
  hidden_from_portal: 'was hidden from the portal',
  outcome_unknown: 'has no clear answer from the gateway yet',
  reconciled: 'was checked again with the gateway',
  refund_failed: 'could not be refunded',
  refund_requested: 'had a refund requested',
  refunded: 'was refunded',
  rescheduled: 'was rescheduled',
  returned: 'was returned by the bank',
  scheduled: 'was scheduled',
  settled: 'settled',
  shown_in_portal: 'was shown in the portal again',
  submitted: 'was submitted to the bank',
  succeeded: 'succeeded',
};

/** An invoice's timeline, newest first: its own entries and its payments' events. */
@Injectable()
export class InvoiceActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: PaymentReadsRepository,
    private readonly invoices: InvoicesService,
    private readonly settings: SettingsService,
  ) {}

  async list(invoiceId: string): Promise<InvoiceActivityResponseDto> {
    const invoice = await this.invoices.get(invoiceId);
    const [{ timeZone }, events] = await Promise.all([
      this.settings.mspCalendar(),
      this.reads.invoiceActivity(this.dataSource.manager, invoiceId, MAX_INVOICE_ACTIVITY),
    ]);
    const own: InvoiceActivityEntryDto[] = [
      {
        at: new Date(startOfDayIn(invoice.issueDate, timeZone)).toISOString(),
        detail: null,
        paymentId: null,
        paymentNumber: null,
        summary: `Invoice ${invoice.number} issued for ${formatAmount(invoice.total, invoice.currency)}`,
        type: 'invoice.issued',
      },
      {
        at: invoice.createdAt,
        detail: null,
        paymentId: null,
        paymentNumber: null,
        summary: `Imported from ${invoice.source}`,
        type: 'invoice.imported',
      },
    ];
    // Stable: payment events keep the database's newest-first order among equal times.
    const data = [...events.map(toEntry), ...own]
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, MAX_INVOICE_ACTIVITY);
    return { data };
  }
}

function toEntry(row: InvoiceActivityRow): InvoiceActivityEntryDto {
  const number = paymentNumber(Number(row.sequence));
  const amount = Number(row.amount);
  const allocated = Number(row.allocated);
  const share =
    allocated === amount ? '' : ` (${formatAmount(allocated, row.currency)} to this invoice)`;
  return {
    at: new Date(row.at).toISOString(),
    detail: row.summary,
    paymentId: row.payment_id,
    paymentNumber: number,
    summary: `Payment ${number} of ${formatAmount(amount, row.currency)}${share} ${PAYMENT_EVENT_WORDS[row.type]}`,
    type: `payment.${row.type}`,
  };
}
