import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { AuditLogEntry } from '../audit-log-entry.entity';

export class ListAuditLogQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(80)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ example: 'user.created' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  action?: string;
}

export class AuditLogEntryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ enum: ['user', 'apiKey', 'system'], enumName: 'AuditActorType' })
  actorType: 'user' | 'apiKey' | 'system';

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorLabel: string | null;

  @ApiProperty({ example: 'user.created' })
  action: string;

  @ApiProperty({ example: 'user' })
  entityType: string;

  @ApiProperty({ nullable: true, type: String })
  entityId: string | null;

  @ApiProperty({ additionalProperties: true, nullable: true, type: 'object' })
  before: Record<string, unknown> | null;

  @ApiProperty({ additionalProperties: true, nullable: true, type: 'object' })
  after: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: String })
  requestId: string | null;
}

export function toAuditLogEntryResponse(entry: AuditLogEntry): AuditLogEntryResponseDto {
  return {
    action: entry.action,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    actorType: entry.actorType,
    after: entry.after,
    before: entry.before,
    entityId: entry.entityId,
    entityType: entry.entityType,
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    requestId: entry.requestId,
  };
}
