import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AGING_BUCKETS, AgingBucket } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { PortalScope } from '../../../common/portal-scope';
import { InvoicesService, OrganizationStatement } from '../../invoices';
import { OrganizationsService } from '../../organizations';
import { formatAmount } from '../../payments';
import { displayDate } from '../display';
import { EmailContext, EmailWriter } from '../email-writer.service';
import { StatementDocument } from '../templates';
import { renderStatementPdf } from './statement-pdf';

const AGING_LABELS: Record<AgingBucket, string> = {
  current: 'Current',
  days1to30: '1–30 days',
  days31to60: '31–60 days',
  days61to90: '61–90 days',
  days90plus: 'Over 90 days',
};

/** A rendered statement, named as the account summary names its attachment. */
export interface StatementPdf {
  content: Buffer;
  filename: string;
}

/**
 * The statement PDF of an organization: the one the account summary email attaches, and the one
 * a contact downloads from the portal, drawn from the same figures.
 */
@Injectable()
export class StatementPdfs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoicesService,
    private readonly organizations: OrganizationsService,
    private readonly writer: EmailWriter,
  ) {}

  /**
   * The organization's statements, one per currency it owes in; an organization that owes nothing
   * gets an empty one in the MSP's currency, so the statement still says so.
   */
  async gather(
    manager: EntityManager,
    organizationId: string,
    organizationName: string,
    context: EmailContext,
  ): Promise<OrganizationStatement[]> {
    const { currency, today } = context.calendar;
    const statements = await this.invoices.statementFor(manager, organizationId, today);
    if (statements.length) return statements;
    return [emptyStatement(organizationId, organizationName, currency, today)];
  }

  /** Each statement as the PDF the account summary attaches. */
  render(statements: OrganizationStatement[], context: EmailContext): Promise<StatementPdf[]> {
    return Promise.all(
      statements.map(async (statement) => ({
        content: await renderStatementPdf(this.document(statement, context)),
        filename:
          statements.length > 1
            ? `statement-${statement.asOf}-${statement.currency}.pdf`
            : `statement-${statement.asOf}.pdf`,
      })),
    );
  }

  /**
   * The scope's organization's statement in one currency: the one asked for (empty when nothing
   * is open in it), else the MSP's currency when it owes in it, else the first it owes in.
   */
  async forPortal(scope: PortalScope, currency?: string): Promise<StatementPdf> {
    scope.require('viewInvoices');
    const context = await this.writer.context();
    const manager = this.dataSource.manager;
    const organization = await this.organizations.findOrFail(manager, scope.organizationId);
    const statements = await this.gather(manager, organization.id, organization.name, context);
    const wanted = currency ?? context.calendar.currency;
    const statement =
      statements.find((s) => s.currency === wanted) ??
      (currency
        ? emptyStatement(organization.id, organization.name, currency, context.calendar.today)
        : statements[0]);
    return {
      content: await renderStatementPdf(this.document(statement, context)),
      filename:
        statements.length > 1 || currency
          ? `statement-${statement.asOf}-${statement.currency}.pdf`
          : `statement-${statement.asOf}.pdf`,
    };
  }

  private document(statement: OrganizationStatement, context: EmailContext): StatementDocument {
    const money = (minor: number) => formatAmount(minor, statement.currency);
    return {
      aging: AGING_BUCKETS.map((bucket) => ({
        amount: money(statement.aging[bucket]),
        label: AGING_LABELS[bucket],
      })),
      asOf: displayDate(statement.asOf),
      branding: context.rendering.branding,
      currency: statement.currency,
      invoices: statement.invoices.map((invoice) => ({
        daysPastDue: invoice.daysPastDue,
        dueDate: displayDate(invoice.dueDate),
        invoiceDate: displayDate(invoice.invoiceDate),
        number: invoice.number,
        openBalance: money(invoice.openBalance),
        total: money(invoice.total),
      })),
      organizationName: statement.organizationName,
      pastDue: money(statement.pastDue),
      portalUrl: this.writer.portalUrl(context),
      totalDue: money(statement.totalDue),
    };
  }
}

function emptyStatement(
  organizationId: string,
  organizationName: string,
  currency: string,
  today: string,
): OrganizationStatement {
  return {
    aging: { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0, total: 0 },
    asOf: today,
    currency,
    invoices: [],
    organizationId,
    organizationName,
    pastDue: 0,
    totalDue: 0,
  };
}
