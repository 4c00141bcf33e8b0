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
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

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
}
