import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/decorators/auth.decorators';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { AuditService } from './audit.service';
import { AuditLogEntryResponseDto, ListAuditLogQueryDto } from './dto/audit-log.dto';

@ApiTags('audit-log')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Who changed what, newest first' })
  @ApiOkResponse({ type: PagedResponseDto(AuditLogEntryResponseDto) })
  list(@Query() query: ListAuditLogQueryDto) {
    return this.audit.list(query);
  }
}
