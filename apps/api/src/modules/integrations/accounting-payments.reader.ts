import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fromDecimalNumber } from '@settle/domain';
import { DataSource } from 'typeorm';

import { OrganizationsService } from '../organizations';
import { qboLiteral } from './adapters/quickbooks/quickbooks-client';
import { IntegrationsRepository } from './integrations.repository';
import { QuickBooksConnections } from './quickbooks-connections.service';

/** Ids per `Id IN (…)` query: the URL stays a few kilobytes long. */
const ID_CHUNK = 200;

/** A payment in the accounting package, in Settle's terms (minor units, linked organization). */
export interface AccountingPaymentRecord {
  id: string;
  customerId: string | null;
  customerName: string | null;
  organizationId: string | null;
  amount: number;
  currency: string;
  txnDate: string;
  refNum: string | null;
  privateNote: string | null;
  voided: boolean;
  /** The accounting package's ids of the invoices it pays. */
  invoiceIds: string[];
}

interface QboPaymentRead {
  Id: string;
  TotalAmt?: number;
  TxnDate?: string;
  PaymentRefNum?: string;
  PrivateNote?: string;
  CustomerRef?: { value: string; name?: string };
  CurrencyRef?: { value: string };
  Line?: { LinkedTxn?: { TxnId: string; TxnType: string }[] }[];
}

/**
 * Reads the accounting package's payments for reconciliation: those dated in a period, by query
 * paging, and those of given ids (Settle's synced payments whose accounting date fell outside it).
 */
@Injectable()
export class AccountingPaymentsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationsRepository,
    private readonly connections: QuickBooksConnections,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Pages of the integration's payments dated from `from` to `to` (inclusive), then of those of
   * `ids` not read yet. Currency defaults to `homeCurrency` when QuickBooks gives none.
   */
  async *payments(
    integrationId: string,
    period: { from: string; to: string },
    ids: string[],
    homeCurrency: string,
  ): AsyncGenerator<AccountingPaymentRecord[]> {
    const integration = await this.integrations.find(this.dataSource.manager, integrationId);
    if (!integration) throw new Error('The accounting integration of this run was removed.');
    const client = this.connections.clientFor(integration, 1000);
    const seen = new Set<string>();
    const where = `TxnDate >= ${qboLiteral(period.from)} AND TxnDate <= ${qboLiteral(period.to)}`;
    for await (const page of client.select<QboPaymentRead>('Payment', where)) {
      page.forEach((p) => seen.add(String(p.Id)));
      yield this.toRecords(page, integration.kind, homeCurrency);
    }
    const missing = [...new Set(ids)].filter((id) => !seen.has(id));
    for (let i = 0; i < missing.length; i += ID_CHUNK) {
      const chunk = missing.slice(i, i + ID_CHUNK);
      const found: QboPaymentRead[] = [];
      for await (const page of client.select<QboPaymentRead>(
        'Payment',
        `Id IN (${chunk.map(qboLiteral).join(', ')})`,
      ))
        found.push(...page);
      if (found.length) yield this.toRecords(found, integration.kind, homeCurrency);
    }
  }

  private async toRecords(
    page: QboPaymentRead[],
    source: string,
    homeCurrency: string,
  ): Promise<AccountingPaymentRecord[]> {
    const customers = [
      ...new Set(page.flatMap((p) => (p.CustomerRef?.value ? [String(p.CustomerRef.value)] : []))),
    ];
    const organizations = await this.organizations.organizationsOfExternalIds(
      this.dataSource.manager,
      customers,
      source,
    );
    return page.map((p) => {
      const currency = p.CurrencyRef?.value ?? homeCurrency;
      const amount = fromDecimalNumber(Number(p.TotalAmt ?? 0), currency);
      const customerId = p.CustomerRef?.value ? String(p.CustomerRef.value) : null;
      return {
        amount,
        currency,
        customerId,
        customerName: p.CustomerRef?.name ?? null,
        id: String(p.Id),
        invoiceIds: (p.Line ?? []).flatMap((line) =>
          (line.LinkedTxn ?? []).filter((t) => t.TxnType === 'Invoice').map((t) => String(t.TxnId)),
        ),
        organizationId: customerId ? (organizations.get(customerId) ?? null) : null,
        privateNote: p.PrivateNote ?? null,
        refNum: p.PaymentRefNum ?? null,
        txnDate: p.TxnDate ?? '',
        voided: amount === 0 && /void/i.test(p.PrivateNote ?? ''),
      };
    });
  }
}
