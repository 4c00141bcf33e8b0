import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { InvoiceActivityResponseDto } from './dto/invoice-activity.dto';
import { InvoiceActivityService } from './invoice-activity.service';

/** Served by the payments module, which owns the payments' events. */
@ApiTags('invoices')
@Controller('invoices')
export class InvoiceActivityController {
  constructor(private readonly activity: InvoiceActivityService) {}

  @Get(':id/activity')
  @ApiOperation({
    summary: "An invoice's timeline: issued, imported, and every event of the payments on it",
  })
  @ApiOkResponse({ type: InvoiceActivityResponseDto })
  list(@UuidParam() id: string) {
    return this.activity.list(id);
  }
}
