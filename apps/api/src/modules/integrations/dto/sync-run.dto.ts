import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateBoolean, ValidateUUID } from '../../../common/validation';
import {
  SYNC_RUN_STATUSES,
  SYNC_RUN_TRIGGERS,
  SyncRunStatus,
  SyncRunTrigger,
} from '../sync-run.entity';

export class StartSyncRunDto {
  @ValidateBoolean({
    description: 'List every record (finds deletions) instead of only what changed',
    optional: true,
  })
  full?: boolean;
}

export class ListSyncRunsQueryDto extends ListQueryDto {
  @ValidateUUID({ optional: true })
  integrationId?: string;
}

export class SyncRunCountsDto {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ description: 'Read, and the same as Settle had', type: 'integer' })
  unchanged: number;
  @ApiProperty({ description: 'Gone from the source', type: 'integer' }) deleted: number;
  @ApiProperty({ type: 'integer' }) failed: number;
}

export class SyncRunProgressDto {
  @ApiProperty({ description: 'Companies read so far', type: 'integer' }) company: number;
  @ApiProperty({ description: 'Contacts read so far', type: 'integer' }) contact: number;
  @ApiProperty({ description: 'Invoices read so far', type: 'integer' }) invoice: number;
}

export class SyncRunTimingsDto {
  @ApiProperty({ description: 'Milliseconds spent waiting for the source', type: 'integer' })
  fetchMs: number;
  @ApiProperty({ description: 'Milliseconds spent writing pages into Settle', type: 'integer' })
  writeMs: number;
}

export class SyncRunResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) integrationId: string;
  @ApiProperty({
    description: 'The integration’s name (for the Overview’s Synchronization Status)',
  })
  integrationName: string;
  @ApiProperty({ enum: SYNC_RUN_STATUSES, enumName: 'SyncRunStatus' }) status: SyncRunStatus;
  @ApiProperty({ enum: SYNC_RUN_TRIGGERS, enumName: 'SyncRunTrigger' }) trigger: SyncRunTrigger;
  @ApiProperty({ description: 'Listed every record to find deletions' }) full: boolean;
  @ApiProperty({ type: SyncRunCountsDto }) counts: SyncRunCountsDto;
  @ApiProperty({ type: SyncRunProgressDto }) progress: SyncRunProgressDto;
  @ApiProperty({ type: SyncRunTimingsDto }) timings: SyncRunTimingsDto;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
