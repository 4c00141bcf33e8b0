import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { PortalScope } from '../../common/portal-scope';
import { PaymentQueriesService } from '../payments';
import { PortalReceiptDto } from './dto/email.dto';
import { EmailsRepository } from './emails.repository';

/** The receipts a contact may read: those of its organization's payments, as they were sent. */
@Injectable()
export class PortalReceipts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailsRepository,
    private readonly payments: PaymentQueriesService,
  ) {}

  async list(scope: PortalScope, paymentId: string): Promise<PortalReceiptDto[]> {
    // another organization's payment is a 404, not an empty list
    await this.payments.getForPortal(scope, paymentId);
    const rows = await this.emails.portalReceipts(this.dataSource.manager, scope, paymentId);
    return rows.map((email) => ({
      createdAt: email.createdAt.toISOString(),
      id: email.id,
      sentAt: email.sentAt?.toISOString() ?? null,
      status: email.status === 'processing' ? 'queued' : email.status,
      subject: email.subject,
      to: email.to,
    }));
  }

  async html(scope: PortalScope, paymentId: string, emailId: string): Promise<string> {
    scope.require('viewInvoices');
    const email = await this.emails.portalReceipt(
      this.dataSource.manager,
      scope,
      paymentId,
      emailId,
    );
    if (!email) throw AppException.notFound('Receipt');
    return email.html;
  }
}
