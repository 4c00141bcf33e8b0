import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateUUID } from '../../../common/validation';
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

  @ValidateUUID({ description: 'Entries that concern this organization', optional: true })
  organizationId?: string;
}

export class AuditLogEntryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ enum: ['user', 'apiKey', 'system', 'contact'], enumName: 'AuditActorType' })
  actorType: 'user' | 'apiKey' | 'system' | 'contact';

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

  @ApiProperty({
    description:
      'What the entity was called when the entry was written: a payment number, a name, an email',
    example: 'PAY-000012',
    nullable: true,
    type: String,
  })
  entityLabel: string | null;

  @ApiProperty({
    description: 'The organization the entry concerns, when it concerns one',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  organizationId: string | null;

  @ApiProperty({
    description: "That organization's name when the entry was written",
    nullable: true,
    type: String,
  })
  organizationName: string | null;

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
    entityLabel: entry.entityLabel,
    entityType: entry.entityType,
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    organizationId: entry.organizationId,
    organizationName: entry.organizationName,
    requestId: entry.requestId,
  };
}
