import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import {
  ListReconciliationDifferencesQueryDto,
  ListReconciliationOrganizationsQueryDto,
  ListReconciliationRunsQueryDto,
  ReconciliationDifferenceDto,
  ReconciliationOrganizationDto,
  ReconciliationRunResponseDto,
  StartReconciliationRunDto,
} from './dto/reconciliation.dto';
import { ReconciliationService } from './reconciliation.service';

@ApiTags('reconciliation')
@Controller('reconciliation/runs')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post()
  @Roles('admin', 'billing')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Compare Settle's payments with the accounting package's and the gateway's over a period (at most 366 days), for one organization or all; a worker does the work. While a run for the same period and organization is queued or running, answers 200 with that run instead of starting another",
  })
  @ApiAcceptedResponse({ description: 'The new run, queued', type: ReconciliationRunResponseDto })
  @ApiOkResponse({
    description: 'The run already queued or running for the same period and organization',
    type: ReconciliationRunResponseDto,
  })
  async start(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: StartReconciliationRunDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReconciliationRunResponseDto> {
    const { created, run } = await this.reconciliation.start(auth, dto);
    if (!created) reply.status(200);
    return run;
  }

  @Get()
  @Roles('admin', 'billing')
  @ApiOperation({ summary: 'Reconciliation runs, newest first' })
  @ApiOkResponse({ type: PagedResponseDto(ReconciliationRunResponseDto) })
  list(@Query() query: ListReconciliationRunsQueryDto) {
    return this.reconciliation.list(query);
  }

  @Get(':id')
  @Roles('admin', 'billing')
  @ApiOperation({ summary: 'One reconciliation run: its progress, sources and totals' })
  @ApiOkResponse({ type: ReconciliationRunResponseDto })
  get(@UuidParam() id: string) {
    return this.reconciliation.get(id);
  }

  @Get(':id/organizations')
  @Roles('admin', 'billing')
  @ApiOperation({
    summary:
      "A run's figures by organization: each side's amount and the number of differences (most differences first by default)",
  })
  @ApiOkResponse({ type: PagedResponseDto(ReconciliationOrganizationDto) })
  organizations(@UuidParam() id: string, @Query() query: ListReconciliationOrganizationsQueryDto) {
    return this.reconciliation.organizationsOf(id, query);
  }

  @Get(':id/differences')
  @Roles('admin', 'billing')
  @ApiOperation({
    summary: "A run's differences, newest first, each explained in words with what to do about it",
  })
  @ApiOkResponse({ type: PagedResponseDto(ReconciliationDifferenceDto) })
  differences(@UuidParam() id: string, @Query() query: ListReconciliationDifferencesQueryDto) {
    return this.reconciliation.differences(id, query);
  }
}
