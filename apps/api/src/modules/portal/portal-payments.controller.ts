import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import {
  ApiIdempotencyKey,
  replyStored,
  RequiredIdempotencyKeyHeader,
} from '../../common/idempotency/idempotency.decorators';
import { PortalScope } from '../../common/portal-scope';
import {
  CancelPaymentDto,
  PaymentQueriesService,
  PaymentQuoteDto,
  PaymentsService,
  PortalCreatePaymentDto,
  PortalListPaymentsQueryDto,
  PortalPaymentResponseDto,
  PortalPaymentSummaryDto,
  ReschedulePaymentDto,
} from '../payments';
import { ApiEmailDocument, PortalReceiptDto, PortalReceipts, replyEmailDocument } from '../emails';
import {
  CurrentScope,
  PortalOrganizationRoutes,
  RequirePortalPermission,
} from './portal.decorators';

@ApiTags('portal')
@PortalOrganizationRoutes()
@Controller('portal/organizations/:organizationId/payments')
export class PortalPaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly queries: PaymentQueriesService,
    private readonly portalReceipts: PortalReceipts,
  ) {}

  @Get()
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: "The organization's payments by status, method, invoice, dates; paged" })
  @ApiOkResponse({ type: PagedResponseDto(PortalPaymentSummaryDto) })
  list(@CurrentScope() scope: PortalScope, @Query() query: PortalListPaymentsQueryDto) {
    return this.queries.listForPortal(scope, query);
  }

  @Post()
  @RequirePortalPermission('pay')
  @ApiIdempotencyKey({ required: true })
  @ApiOperation({
    summary:
      'Pay its invoices now, or on scheduledFor; Idempotency-Key required. 201 also when the gateway declines (status "failed"); 422 over the open balance',
  })
  @ApiCreatedResponse({ type: PortalPaymentResponseDto })
  async create(
    @CurrentScope() scope: PortalScope,
    @Body() dto: PortalCreatePaymentDto,
    @RequiredIdempotencyKeyHeader() key: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.payments.createForPortal(scope, dto, key));
  }

  @Post('quote')
  @HttpCode(200)
  @RequirePortalPermission('pay')
  @ApiOperation({
    summary: 'Preview a payment: fee, total and overpayment-guard adjustments; writes nothing',
  })
  @ApiOkResponse({ type: PaymentQuoteDto })
  quote(@CurrentScope() scope: PortalScope, @Body() dto: PortalCreatePaymentDto) {
    return this.payments.quoteForPortal(scope, dto);
  }

  @Get(':paymentId')
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: 'One of its payments with allocations and refunds' })
  @ApiOkResponse({ type: PortalPaymentResponseDto })
  get(@CurrentScope() scope: PortalScope, @UuidParam('paymentId') paymentId: string) {
    return this.queries.getForPortal(scope, paymentId);
  }

  @Get(':paymentId/receipts')
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: 'The receipts emailed for one of its payments, oldest first' })
  @ApiOkResponse({ type: [PortalReceiptDto] })
  listReceipts(@CurrentScope() scope: PortalScope, @UuidParam('paymentId') paymentId: string) {
    return this.portalReceipts.list(scope, paymentId);
  }

  @Get(':paymentId/receipts/:emailId/html')
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: 'One receipt of one of its payments, as the HTML that was emailed' })
  @ApiEmailDocument()
  async receiptHtml(
    @CurrentScope() scope: PortalScope,
    @UuidParam('paymentId') paymentId: string,
    @UuidParam('emailId') emailId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyEmailDocument(reply, await this.portalReceipts.html(scope, paymentId, emailId));
  }

  @Patch(':paymentId')
  @RequirePortalPermission('pay')
  @ApiOperation({
    summary: 'Move one of its scheduled payments to another day (409 once it has run)',
  })
  @ApiOkResponse({ type: PortalPaymentResponseDto })
  reschedule(
    @CurrentScope() scope: PortalScope,
    @UuidParam('paymentId') paymentId: string,
    @Body() dto: ReschedulePaymentDto,
  ) {
    return this.payments.rescheduleForPortal(scope, paymentId, dto);
  }

  @Post(':paymentId/cancel')
  @HttpCode(200)
  @RequirePortalPermission('pay')
  @ApiOperation({ summary: 'Cancel one of its scheduled payments (409 once it has run)' })
  @ApiOkResponse({ type: PortalPaymentResponseDto })
  cancel(
    @CurrentScope() scope: PortalScope,
    @UuidParam('paymentId') paymentId: string,
    @Body() dto: CancelPaymentDto,
  ) {
    return this.payments.cancelForPortal(scope, paymentId, dto);
  }
}
