import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  reconcile,
  ReconAccountingPayment,
  ReconGatewayCharge,
  ReconGroup,
  ReconSettlePayment,
  reconTotals,
  startOfDayIn,
  todayIn,
} from '@settle/domain';
import { DataSource } from 'typeorm';

import { GatewayName, GatewayRegistry } from '../gateways';
import { AccountingPaymentRecord, AccountingPaymentsReader } from '../integrations';
import { InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { PaymentQueriesService, ReconciliationPayment } from '../payments';
import { SettingsService } from '../settings';
import { ReconciliationDifference } from './reconciliation-difference.entity';
import { ReconciliationOrganizationTotal } from './reconciliation-organization-total.entity';
import { ReconciliationRepository } from './reconciliation.repository';
import { ReconciliationProgress, ReconciliationRun } from './reconciliation-run.entity';

/**
 * Days read on each side of the period: a payment at 23:59 whose charge is dated 00:01 the next
 * day (or whose accounting payment a day later) still meets it; what lies only in the margin is
 * not reported.
 */
export const RECONCILIATION_MARGIN_DAYS = 2;

/** The work of one run: read the three sides, match and classify, store what differs. */
@Injectable()
export class ReconciliationRunner {
  private readonly logger = new Logger(ReconciliationRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReconciliationRepository,
    private readonly payments: PaymentQueriesService,
    private readonly accounting: AccountingPaymentsReader,
    private readonly gateways: GatewayRegistry,
    private readonly invoices: InvoicesService,
    private readonly organizations: OrganizationsService,
    private readonly settings: SettingsService,
  ) {}

  /**
   * Runs a queued run (or one a lost worker left running). An error is thrown back to the job
   * after the run is marked: failed with the reason on the last attempt, queued again before.
   */
  async execute(runId: string, attempt: { number: number; of: number }): Promise<void> {
    const manager = this.dataSource.manager;
    if (!(await this.repository.start(manager, runId, new Date()))) return;
    try {
      const run = (await this.repository.find(manager, runId))!;
      await this.run(run);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = attempt.number >= attempt.of;
      await this.repository.update(manager, runId, {
        error: (last
          ? reason
          : `Attempt ${attempt.number} of ${attempt.of} failed (${reason}); trying again`
        ).slice(0, 1000),
        finishedAt: last ? new Date() : null,
        status: last ? 'failed' : 'queued',
      });
      this.logger.error({ err: error, runId, ...attempt }, 'Reconciliation run failed');
      throw error;
    }
  }

  private async run(run: ReconciliationRun): Promise<void> {
    const manager = this.dataSource.manager;
    await this.repository.clearResults(manager, run.id);
    const { currency, timeZone } = await this.settings.mspCalendar();
    const readFrom = addDays(run.periodFrom, -RECONCILIATION_MARGIN_DAYS);
    const readTo = addDays(run.periodTo, RECONCILIATION_MARGIN_DAYS);
    const window = {
      from: new Date(startOfDayIn(readFrom, timeZone)),
      to: new Date(startOfDayIn(addDays(readTo, 1), timeZone)),
    };
    const progress = (p: ReconciliationProgress) =>
      this.repository.update(manager, run.id, { progress: p });

    // 1. Settle's payments.
    const settle: ReconciliationPayment[] = [];
    await progress({ done: 0, stage: 'payments', total: 0 });
    for await (const page of this.payments.forReconciliation({
      ...window,
      organizationId: run.organizationId,
    })) {
      settle.push(...page);
      await progress({ done: settle.length, stage: 'payments', total: 0 });
    }

    // 2. The accounting package's payments: dated in the period (with the margin), and those
    // Settle recorded there whatever their date.
    const accountingSource = run.sources.accounting;
    let accounting: AccountingPaymentRecord[] = [];
    const accountingInvoiceIds = new Map<string, string[]>();
    if (accountingSource) {
      await progress({ done: 0, stage: 'accounting', total: 0 });
      const ids = settle.flatMap((p) => (p.accountingExternalId ? [p.accountingExternalId] : []));
      for await (const page of this.accounting.payments(
        accountingSource.integrationId,
        { from: readFrom, to: readTo },
        ids,
        currency,
      )) {
        accounting.push(...page);
        await progress({ done: accounting.length, stage: 'accounting', total: 0 });
      }
      if (run.organizationId)
        accounting = accounting.filter((a) => a.organizationId === run.organizationId);
      const refs = await this.invoices.accountingRefs(
        manager,
        [...new Set(settle.flatMap((p) => p.invoiceIds))],
        accountingSource.kind,
      );
      for (const p of settle)
        accountingInvoiceIds.set(
          p.id,
          p.invoiceIds.flatMap((id) => (refs.has(id) ? [refs.get(id)!.externalId] : [])),
        );
    }

    // 3. The gateway's charges that moved money.
    const gatewayName: GatewayName = run.sources.gateway.kind;
    await progress({ done: 0, stage: 'gateway', total: 0 });
    let charges: (ReconGatewayCharge & { customerRef: string | null })[] = [];
    for await (const page of this.gateways.byName(gatewayName).listCharges({
      from: window.from,
      to: new Date(window.to.getTime() - 1),
    })) {
      for (const charge of page)
        if (charge.status !== 'failed')
          charges.push({
            amount: charge.amount,
            amountRefunded: charge.amountRefunded,
            createdOn: todayIn(timeZone, charge.createdAt),
            currency: charge.currency,
            customerRef: charge.customerRef,
            id: charge.id,
            organizationId: null,
            paymentRef: charge.paymentRef,
            reversed: charge.reversed,
          });
      await progress({ done: charges.length, stage: 'gateway', total: 0 });
    }
    // A charge made outside Settle still belongs to the organization whose customer it charged.
    const customerRefs = [
      ...new Set(charges.flatMap((c) => (c.customerRef ? [c.customerRef] : []))),
    ];
    const organizationOfCustomer = await this.organizations.organizationsOfExternalIds(
      this.dataSource.manager,
      customerRefs,
      gatewayName,
    );
    for (const c of charges)
      c.organizationId = (c.customerRef && organizationOfCustomer.get(c.customerRef)) || null;
    if (run.organizationId) {
      // Another organization's charges are not this run's, nor one of a customer Settle does not know.
      const refs = new Set(settle.flatMap((p) => (p.gatewayRef ? [p.gatewayRef] : [])));
      charges = charges.filter(
        (c) => refs.has(c.paymentRef) || c.organizationId === run.organizationId,
      );
    }

    // 4. Match and classify.
    const total = settle.length + accounting.length + charges.length;
    await progress({ done: 0, stage: 'matching', total });
    const settleItems: ReconSettlePayment[] = settle.map((p) => ({
      accountingExternalId: p.accountingExternalId,
      accountingInvoiceIds: accountingInvoiceIds.get(p.id) ?? [],
      amount: p.amount,
      amountRefunded: p.amountRefunded,
      currency: p.currency,
      fee: p.fee,
      feeRefunded: p.feeRefunded,
      gateway: p.gateway,
      gatewayRef: p.gatewayRef,
      id: p.id,
      organizationId: p.organizationId,
      paidOn: todayIn(timeZone, p.paidAt),
      reference: p.reference,
      status: p.status,
      syncAction: p.syncAction,
      syncCause: p.syncCause,
      syncError: p.syncError,
      syncStatus: p.syncStatus,
    }));
    const accountingItems: ReconAccountingPayment[] = accounting.map((a) => ({
      amount: a.amount,
      currency: a.currency,
      customerName: a.customerName,
      id: a.id,
      invoiceIds: a.invoiceIds,
      organizationId: a.organizationId,
      privateNote: a.privateNote,
      refNum: a.refNum,
      txnDate: a.txnDate,
      voided: a.voided,
    }));
    const { groups } = reconcile({
      accountingConnected: accountingSource !== null,
      accounting: accountingItems,
      charges,
      from: run.periodFrom,
      gateway: gatewayName,
      settle: settleItems,
      to: run.periodTo,
    });
    const names = new Map(settle.map((p) => [p.organizationId, p.organizationName]));
    const unnamed = [
      ...new Set(
        groups.flatMap((g) =>
          g.organizationId && !names.has(g.organizationId) ? [g.organizationId] : [],
        ),
      ),
    ];
    for (const [id, name] of await this.organizations.names(manager, unnamed)) names.set(id, name);

    const totals = reconTotals(groups);
    const differences = groups.filter((g) => g.kind !== null).map((g) => toRow(run.id, g, names));
    const byOrganization = organizationTotals(
      run.id,
      groups,
      names,
      currency,
      accountingSource !== null,
    );
    await this.dataSource.transaction(async (tx) => {
      await this.repository.insertDifferences(tx, differences);
      await this.repository.insertOrganizationTotals(tx, byOrganization);
      await this.repository.update(tx, run.id, {
        error: null,
        finishedAt: new Date(),
        progress: { done: total, stage: 'done', total },
        status: 'completed',
        totals: {
          accounting: accountingSource ? totals.accounting : null,
          currency,
          differences: totals.differences,
          gateway: totals.gateway,
          matched: totals.matched,
          settle: totals.settle,
        },
      });
    });
    this.logger.log(
      { differences: differences.length, groups: groups.length, runId: run.id },
      'Reconciliation run completed',
    );
  }
}

function toRow(
  runId: string,
  g: ReconGroup,
  names: Map<string, string>,
): Omit<ReconciliationDifference, 'id' | 'run'> {
  return {
    accountingAmount: g.accountingAmount,
    accountingPaymentId: g.accounting?.id ?? null,
    currency: g.currency,
    detail: {
      accountingRefNum: g.accounting?.refNum ?? null,
      accountingVoided: g.accounting?.voided ?? false,
      also: g.alsoKinds,
      customerName: g.accounting?.customerName ?? null,
      expectedAccountingAmount: g.expectedAccountingAmount,
      expectedGatewayAmount: g.expectedGatewayAmount,
      gatewayAmountRefunded: g.charge?.amountRefunded ?? null,
      organizationName: g.organizationId ? (names.get(g.organizationId) ?? null) : null,
      paymentReference: g.settle?.reference ?? null,
      possibleDoublePayment: g.possibleDoublePayment,
      settleAmountRefunded: g.settle ? g.settle.amountRefunded : 0,
      syncAction: g.settle?.syncAction ?? null,
      syncCause: g.settle?.syncCause ?? null,
      syncError: g.settle?.syncError ?? null,
      syncStatus: g.settle?.syncStatus ?? null,
    },
    gatewayAmount: g.gatewayAmount,
    gatewayChargeRef: g.charge?.id ?? g.settle?.gatewayRef ?? null,
    kind: g.kind!,
    occurredOn: g.occurredOn,
    organizationId: g.organizationId,
    paymentId: g.settle?.id ?? null,
    runId,
    settleAmount: g.settleAmount,
  };
}

/** Records no Settle organization is linked to are shown under this name. */
export const UNLINKED_ORGANIZATION_NAME = 'Not linked to an organization in Settle';

function organizationTotals(
  runId: string,
  groups: ReconGroup[],
  names: Map<string, string>,
  currency: string,
  accountingConnected: boolean,
): Omit<ReconciliationOrganizationTotal, 'id' | 'run'>[] {
  const rows = new Map<string | null, Omit<ReconciliationOrganizationTotal, 'id' | 'run'>>();
  for (const g of groups) {
    let row = rows.get(g.organizationId);
    if (!row) {
      row = {
        accountingAmount: accountingConnected ? 0 : null,
        currency,
        differenceCount: 0,
        gatewayAmount: 0,
        name: g.organizationId
          ? (names.get(g.organizationId) ?? UNLINKED_ORGANIZATION_NAME)
          : UNLINKED_ORGANIZATION_NAME,
        organizationId: g.organizationId,
        runId,
        settleAmount: 0,
      };
      rows.set(g.organizationId, row);
    }
    row.settleAmount += g.settleAmount ?? 0;
    if (row.accountingAmount !== null) row.accountingAmount += g.accountingAmount ?? 0;
    row.gatewayAmount += g.gatewayAmount ?? 0;
    if (g.kind !== null) row.differenceCount += 1;
  }
  return [...rows.values()];
}
