import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { PagedResponseDto } from '../../common/dto/list.dto';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { ListSyncRunsQueryDto, SyncRunResponseDto } from './dto/sync-run.dto';
import { SyncRunsService } from './sync-runs.service';

@ApiTags('integrations')
@Controller('sync-runs')
export class SyncRunsController {
  constructor(private readonly runs: SyncRunsService) {}

  @Get()
  @ApiOperation({ summary: 'Sync runs, newest first, with their counts and progress' })
  @ApiOkResponse({ type: PagedResponseDto(SyncRunResponseDto) })
  list(@Query() query: ListSyncRunsQueryDto) {
    return this.runs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sync run' })
  @ApiOkResponse({ type: SyncRunResponseDto })
  get(@UuidParam() id: string) {
    return this.runs.get(id);
  }
}
