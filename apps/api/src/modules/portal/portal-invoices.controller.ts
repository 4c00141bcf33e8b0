import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';

import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto, ProblemDto } from '../../common/dto/list.dto';
import { PortalScope } from '../../common/portal-scope';
import {
  InvoicePdfs,
  InvoicesService,
  PortalBalanceResponseDto,
  PortalInvoiceResponseDto,
  PortalListInvoicesQueryDto,
} from '../invoices';
import {
  CurrentScope,
  PortalOrganizationRoutes,
  RequirePortalPermission,
} from './portal.decorators';

@ApiTags('portal')
@PortalOrganizationRoutes()
@Controller('portal/organizations/:organizationId')
export class PortalInvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly pdfs: InvoicePdfs,
  ) {}

  @Get('balance')
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: "The organization's balance: total, past due, oldest invoice, aging" })
  @ApiOkResponse({ type: PortalBalanceResponseDto })
  balance(@CurrentScope() scope: PortalScope) {
    return this.invoices.balanceForPortal(scope);
  }

  @Get('invoices')
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: "The organization's invoices by status, past due, dates; paged" })
  @ApiOkResponse({ type: PagedResponseDto(PortalInvoiceResponseDto) })
  list(@CurrentScope() scope: PortalScope, @Query() query: PortalListInvoicesQueryDto) {
    return this.invoices.listForPortal(scope, query);
  }

  @Get('invoices/:invoiceId')
  @RequirePortalPermission('viewInvoices')
  @ApiOperation({ summary: 'One of its invoices' })
  @ApiOkResponse({ type: PortalInvoiceResponseDto })
  get(@CurrentScope() scope: PortalScope, @UuidParam('invoiceId') invoiceId: string) {
    return this.invoices.getForPortal(scope, invoiceId);
  }

  @Get('invoices/:invoiceId/pdf')
  @RequirePortalPermission('viewInvoices')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      "One of its invoices as the source system's PDF (when hasPdf), fetched by the server; 404 when it has none",
  })
  @ApiOkResponse({
    content: { 'application/pdf': { schema: { format: 'binary', type: 'string' } } },
    description: 'The PDF, with a Content-Disposition naming it by the invoice number',
  })
  @ApiBadGatewayResponse({
    description: 'The source system did not give the PDF (unreachable, an error, not a PDF)',
    type: ProblemDto,
  })
  async pdf(@CurrentScope() scope: PortalScope, @UuidParam('invoiceId') invoiceId: string) {
    const pdf = await this.pdfs.forPortal(scope, invoiceId);
    return new StreamableFile(pdf.body, {
      disposition: `attachment; filename="${pdf.filename}"`,
      length: pdf.length ?? undefined,
      type: 'application/pdf',
    });
  }
}
