import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { PortalScope } from '../../common/portal-scope';
import { PortalStatementQueryDto, StatementPdfs } from '../emails';
import {
  CurrentScope,
  PortalOrganizationRoutes,
  RequirePortalPermission,
} from './portal.decorators';

@ApiTags('portal')
@PortalOrganizationRoutes()
@Controller('portal/organizations/:organizationId')
export class PortalStatementController {
  constructor(private readonly statements: StatementPdfs) {}

  @Get('statement.pdf')
  @RequirePortalPermission('viewInvoices')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The statement PDF of its open invoices, as the account summary email attaches it',
  })
  @ApiOkResponse({
    content: { 'application/pdf': { schema: { format: 'binary', type: 'string' } } },
    description: 'The PDF, with a Content-Disposition naming it',
  })
  async statement(@CurrentScope() scope: PortalScope, @Query() query: PortalStatementQueryDto) {
    const pdf = await this.statements.forPortal(scope, query.currency);
    return new StreamableFile(pdf.content, {
      disposition: `attachment; filename="${pdf.filename}"`,
      length: pdf.content.length,
      type: 'application/pdf',
    });
  }
}
