import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { ExternalRefParams } from '../../common/decorators/external-ref.decorator';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { replyUpserted } from '../../common/upserted';
import { OrganizationBalanceResponseDto } from '../organizations';
import {
  BulkInvoicesDto,
  BulkInvoicesResponseDto,
  CreditListResponseDto,
  InvoiceResponseDto,
  ListInvoicesQueryDto,
  UpsertInvoiceDto,
} from './dto/invoice.dto';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@Controller()
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get('invoices')
  @ApiOperation({
    summary: 'List invoices by organization, status, past due, date range; sorted and paged',
  })
  @ApiOkResponse({ type: PagedResponseDto(InvoiceResponseDto) })
  list(@Query() query: ListInvoicesQueryDto) {
    return this.invoices.list(query);
  }

  @Post('invoices/bulk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upsert up to 1,000 invoices in one transaction; one bad row and nothing is written',
  })
  @ApiOkResponse({ type: BulkInvoicesResponseDto })
  bulk(@CurrentAuth() auth: AuthContext, @Body() dto: BulkInvoicesDto) {
    return this.invoices.bulk(auth, dto);
  }

  @Put('invoices/external/:source/:externalId')
  @ExternalRefParams()
  @ApiOperation({
    summary:
      'Create or update the invoice known by this id in an external system (201 created, 200 updated)',
  })
  @ApiOkResponse({ type: InvoiceResponseDto })
  @ApiCreatedResponse({ type: InvoiceResponseDto })
  async upsertExternal(
    @CurrentAuth() auth: AuthContext,
    @Param('source') source: string,
    @Param('externalId') externalId: string,
    @Body() dto: UpsertInvoiceDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyUpserted(reply, await this.invoices.upsertExternal(auth, source, externalId, dto));
  }

  @Get('invoices/:id')
  @ApiOperation({ summary: 'An invoice with its open balance and past-due flag' })
  @ApiOkResponse({ type: InvoiceResponseDto })
  get(@UuidParam() id: string) {
    return this.invoices.get(id);
  }

  @Get('organizations/:organizationId/credits')
  @ApiTags('organizations')
  @ApiOperation({ summary: 'Credit memos and unapplied payments (never netted into A/R totals)' })
  @ApiOkResponse({ type: CreditListResponseDto })
  credits(@UuidParam('organizationId') organizationId: string) {
    return this.invoices.credits(organizationId);
  }

  @Get('organizations/:id/balance')
  @ApiTags('organizations')
  @ApiOperation({
    // The operation kept its id when it moved here from the organizations controller.
    operationId: 'Organizations_balance',
    summary:
      'Balance panel: total, past due, oldest invoice, open invoices, aging; credits shown apart',
  })
  @ApiOkResponse({ type: OrganizationBalanceResponseDto })
  balance(@UuidParam() id: string) {
    return this.invoices.organizationBalance(id);
  }
}
