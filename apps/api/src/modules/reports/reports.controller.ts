import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import {
  AgingQueryDto,
  AgingResponseDto,
  ArOverviewQueryDto,
  ArOverviewResponseDto,
} from './dto/ar-overview.dto';
import {
  AgingExportQueryDto,
  AgingOrganizationsQueryDto,
  AgingOrganizationsResponseDto,
} from './dto/aging.dto';
import { AttentionCountsDto } from './dto/attention.dto';
import { ActivityReportsService } from './activity-reports.service';
import {
  AutopayEnrolmentQueryDto,
  AutopayEnrolmentResponseDto,
  MethodReportResponseDto,
  MonthlyResponseDto,
  PaymentMethodsExportQueryDto,
  PaymentMethodsReportQueryDto,
  PeriodQueryDto,
  PortalLoginsQueryDto,
  PortalLoginsResponseDto,
  TransactionsExportQueryDto,
  TransactionsQueryDto,
  TransactionsResponseDto,
} from './dto/activity.dto';
import { ReportsService } from './reports.service';

const CSV_RESPONSE = {
  description: 'A header row, then one row per record',
  schema: { type: 'string' },
};

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly activity: ActivityReportsService,
  ) {}

  @Get('attention')
  @ApiOperation({ summary: 'Counts for the Overview attention cards' })
  @ApiOkResponse({ type: AttentionCountsDto })
  attention() {
    return this.reports.attention();
  }

  @Get('ar-overview')
  @ApiOperation({
    summary:
      'A/R by company: totals over every organization, the company list, the six highest balances',
  })
  @ApiOkResponse({ type: ArOverviewResponseDto })
  arOverview(@Query() query: ArOverviewQueryDto) {
    return this.reports.arOverview(query);
  }

  @Get('aging')
  @ApiOperation({ summary: 'Open balances by days past due: current, 1-30, 31-60, 61-90, 90+' })
  @ApiOkResponse({ type: AgingResponseDto })
  aging(@Query() query: AgingQueryDto) {
    return this.reports.aging(query);
  }

  @Get('aging/organizations')
  @ApiOperation({
    summary: "Each organization's open balance by days past due; searchable, sorted and paged",
  })
  @ApiOkResponse({ type: AgingOrganizationsResponseDto })
  agingByOrganization(@Query() query: AgingOrganizationsQueryDto) {
    return this.reports.agingByOrganization(query);
  }

  @Get('aging/export')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'The aging of every organization with an open balance as CSV (amounts in major units), as a download named aging-YYYY-MM-DD.csv (the asOf day), streamed from a database cursor',
  })
  @ApiOkResponse({
    description: 'A header row, then one row per organization, by name',
    schema: { type: 'string' },
  })
  agingExport(@Query() query: AgingExportQueryDto) {
    return this.reports.agingExport(query);
  }

  @Get('transactions')
  @ApiOperation({
    summary: 'Payments, fees, refunds and ACH returns in a period, by method: totals and a page',
  })
  @ApiOkResponse({ type: TransactionsResponseDto })
  transactions(@Query() query: TransactionsQueryDto) {
    return this.activity.transactions(query);
  }

  @Get('transactions/export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The transactions of a period as CSV, newest first, streamed' })
  @ApiOkResponse(CSV_RESPONSE)
  transactionsExport(@Query() query: TransactionsExportQueryDto) {
    return this.activity.transactionsExport(query);
  }

  @Get('monthly')
  @ApiOperation({
    summary: 'Month by month: invoices due and issued, money collected, A/R at the end and DSO',
  })
  @ApiOkResponse({ type: MonthlyResponseDto })
  monthly(@Query() query: PeriodQueryDto) {
    return this.activity.monthly(query);
  }

  @Get('monthly/export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The monthly figures as CSV' })
  @ApiOkResponse(CSV_RESPONSE)
  monthlyExport(@Query() query: PeriodQueryDto) {
    return this.activity.monthlyExport(query);
  }

  @Get('autopay-enrolment')
  @ApiOperation({
    summary:
      'Organizations with and without an enabled AutoPay rule with a usable method, and the share of the open balance covered',
  })
  @ApiOkResponse({ type: AutopayEnrolmentResponseDto })
  autopayEnrolment(@Query() query: AutopayEnrolmentQueryDto) {
    return this.activity.autopayEnrolment(query);
  }

  @Get('autopay-enrolment/export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'AutoPay enrolment of every active organization as CSV, by name' })
  @ApiOkResponse(CSV_RESPONSE)
  autopayEnrolmentExport() {
    return this.activity.autopayEnrolmentExport();
  }

  @Get('payment-methods')
  @ApiOperation({ summary: 'Cards expiring in the next 60 days, or locked payment methods' })
  @ApiOkResponse({ type: MethodReportResponseDto })
  paymentMethods(@Query() query: PaymentMethodsReportQueryDto) {
    return this.activity.paymentMethods(query);
  }

  @Get('payment-methods/export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Expiring cards or locked methods as CSV' })
  @ApiOkResponse(CSV_RESPONSE)
  paymentMethodsExport(@Query() query: PaymentMethodsExportQueryDto) {
    return this.activity.paymentMethodsExport(query);
  }

  @Get('portal-logins')
  @ApiOperation({
    summary: 'Contacts who signed in to the portal in a period: how often, and their last sign-in',
  })
  @ApiOkResponse({ type: PortalLoginsResponseDto })
  portalLogins(@Query() query: PortalLoginsQueryDto) {
    return this.activity.portalLogins(query);
  }

  @Get('portal-logins/export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Portal sign-ins of a period as CSV, most active contact first' })
  @ApiOkResponse(CSV_RESPONSE)
  portalLoginsExport(@Query() query: PeriodQueryDto) {
    return this.activity.portalLoginsExport(query);
  }
}
