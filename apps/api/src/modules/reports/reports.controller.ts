import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import {
  AgingQueryDto,
  AgingResponseDto,
  ArOverviewQueryDto,
  ArOverviewResponseDto,
} from './dto/ar-overview.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

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
}
