import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import {
  ApiIdempotencyKey,
  IdempotencyKeyHeader,
  replyStored,
} from '../../common/idempotency/idempotency.decorators';
import {
  CancelPaymentDto,
  CreateInstallmentsDto,
  CreatePaymentDto,
  CreateRefundDto,
  InstallmentsResponseDto,
  ListPaymentsQueryDto,
  PaymentQuoteDto,
  PaymentResponseDto,
  PaymentSummaryDto,
  RefundResponseDto,
  ReschedulePaymentDto,
} from './dto/payment.dto';
import { PaymentQueriesService } from './payment-queries.service';
import { PaymentSyncActionsService } from './payment-sync-actions.service';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly queries: PaymentQueriesService,
    private readonly refunds: RefundsService,
    private readonly syncActions: PaymentSyncActionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Payments by organization, status, method, invoice and date range; paged',
  })
  @ApiOkResponse({ type: PagedResponseDto(PaymentSummaryDto) })
  list(@Query() query: ListPaymentsQueryDto) {
    return this.queries.list(query);
  }

  @Post()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Pay invoices now, or on scheduledFor. 201 also when the gateway declines (status "failed"); 422 over the open balance',
  })
  @ApiCreatedResponse({ type: PaymentResponseDto })
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreatePaymentDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.payments.create(auth, dto, key));
  }

  @Post('quote')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview a payment: fee, total and overpayment-guard adjustments; writes nothing',
  })
  @ApiOkResponse({ type: PaymentQuoteDto })
  quote(@Body() dto: CreatePaymentDto) {
    return this.payments.quote(dto);
  }

  @Post('installments')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Split allocations into count scheduled payments, weekly or monthly' })
  @ApiCreatedResponse({ type: InstallmentsResponseDto })
  async installments(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateInstallmentsDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.payments.createInstallments(auth, dto, key));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payment with its allocations, refunds and timeline' })
  @ApiOkResponse({ type: PaymentResponseDto })
  get(@UuidParam() id: string) {
    return this.queries.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reschedule a scheduled payment' })
  @ApiOkResponse({ type: PaymentResponseDto })
  reschedule(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: ReschedulePaymentDto,
  ) {
    return this.payments.reschedule(auth, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled payment (409 once it has run)' })
  @ApiOkResponse({ type: PaymentResponseDto })
  cancel(@CurrentAuth() auth: AuthContext, @UuidParam() id: string, @Body() dto: CancelPaymentDto) {
    return this.payments.cancel(auth, id, dto);
  }

  @Post(':id/refunds')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Refund all that is left, or amount; 422 over the refundable amount' })
  @ApiCreatedResponse({ type: RefundResponseDto })
  async refund(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: CreateRefundDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.refunds.create(auth, id, dto, key));
  }

  @Post(':id/accounting-sync/retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sync a payment failing to sync to accounting again now (409 unless failing; already waiting is a no-op)',
  })
  @ApiOkResponse({ type: PaymentResponseDto })
  retryAccountingSync(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.syncActions.retry(auth, id);
  }

  @Post(':id/accounting-sync/dismiss')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Dismiss syncing: stop pushing a payment waiting or failing to sync, recorded by hand in accounting (409 otherwise; already dismissed is a no-op)',
  })
  @ApiOkResponse({ type: PaymentResponseDto })
  dismissAccountingSync(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.syncActions.dismiss(auth, id);
  }

  @Post(':id/hide')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hide the payment from the customer portal (already hidden is a no-op)',
  })
  @ApiOkResponse({ type: PaymentResponseDto })
  hide(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.syncActions.setHidden(auth, id, true);
  }

  @Post(':id/unhide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Show a hidden payment in the customer portal again' })
  @ApiOkResponse({ type: PaymentResponseDto })
  unhide(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.syncActions.setHidden(auth, id, false);
  }
}
