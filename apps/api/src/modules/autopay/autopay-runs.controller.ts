import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import {
  ApiIdempotencyKey,
  IdempotencyKeyHeader,
  replyStored,
} from '../../common/idempotency/idempotency.decorators';
import { PaymentSummaryDto } from '../payments';
import { AutopayApprovalsService } from './autopay-approvals.service';
import { AutopayForecastService } from './autopay-forecast.service';
import { AutopayRunsService } from './autopay-runs.service';
import {
  AutopayApprovalDto,
  AutopayApprovalResponseDto,
  AutopayRunResponseDto,
  ListAutopayApprovalsQueryDto,
  ListAutopayRunsQueryDto,
  StartAutopayRunDto,
} from './dto/autopay-run.dto';
import { AutopayForecastQueryDto, AutopayForecastResponseDto } from './dto/autopay-forecast.dto';

@ApiTags('autopay')
@Controller('autopay')
export class AutopayRunsController {
  constructor(
    private readonly runs: AutopayRunsService,
    private readonly approvals: AutopayApprovalsService,
    private readonly forecasts: AutopayForecastService,
  ) {}

  @Get('forecast')
  @ApiOperation({
    summary:
      'What AutoPay would charge on each date, by which rule and method, after scheduled payments',
  })
  @ApiOkResponse({ type: AutopayForecastResponseDto })
  forecast(@Query() query: AutopayForecastQueryDto) {
    return this.forecasts.forecast(query);
  }

  @Post('runs')
  @Roles('admin')
  @HttpCode(202)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Run AutoPay now for a date (default today); a worker does the work' })
  @ApiAcceptedResponse({ type: AutopayRunResponseDto })
  async start(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: StartAutopayRunDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.runs.start(auth, dto, key));
  }

  @Get('runs')
  @ApiOperation({ summary: 'AutoPay runs, newest first, with their counts' })
  @ApiOkResponse({ type: PagedResponseDto(AutopayRunResponseDto) })
  list(@Query() query: ListAutopayRunsQueryDto) {
    return this.runs.list(query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One AutoPay run: status, counts and why charges failed' })
  @ApiOkResponse({ type: AutopayRunResponseDto })
  get(@UuidParam() id: string) {
    return this.runs.get(id);
  }

  @Get('approvals')
  @ApiOperation({ summary: 'AutoPay payments waiting for staff approval' })
  @ApiOkResponse({ type: PagedResponseDto(PaymentSummaryDto) })
  pending(@Query() query: ListAutopayApprovalsQueryDto) {
    return this.approvals.list(query);
  }

  @Post('approvals/approve')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Approve waiting AutoPay payments: each is charged now' })
  @ApiOkResponse({ type: AutopayApprovalResponseDto })
  async approve(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: AutopayApprovalDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.approvals.decide(auth, dto.paymentIds, 'approve', key));
  }

  @Post('approvals/reject')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Reject waiting AutoPay payments: none is charged' })
  @ApiOkResponse({ type: AutopayApprovalResponseDto })
  async reject(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: AutopayApprovalDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.approvals.decide(auth, dto.paymentIds, 'reject', key));
  }
}
