import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { QueryBoolean, ValidateEnum, ValidateUUID } from '../../../common/validation';
import { EXTERNAL_ENTITY_TYPES, ExternalEntityType } from '../external-entity.entity';

export class ListEntitiesQueryDto extends ListQueryDto {
  @ValidateUUID({ optional: true })
  integrationId?: string;

  @ValidateEnum(EXTERNAL_ENTITY_TYPES, { enumName: 'ExternalEntityType', optional: true })
  type?: ExternalEntityType;

  @ValidateUUID({
    description: "An organization's records: the chips on its profile, and what moved with them",
    optional: true,
  })
  organizationId?: string;

  @QueryBoolean('true: linked to an organization; false: not linked')
  mapped?: boolean;

  @QueryBoolean('true: hidden records only; false: visible ones only')
  hidden?: boolean;
}

export class MapEntityDto {
  @ValidateUUID({ description: 'The organization this company is' })
  organizationId: string;
}

export class EntityResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) integrationId: string;
  @ApiProperty({ enum: EXTERNAL_ENTITY_TYPES, enumName: 'ExternalEntityType' })
  type: ExternalEntityType;
  @ApiProperty({ description: 'Its id in the source system' }) externalId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ description: 'Kept, but not brought into Settle' }) hidden: boolean;
  @ApiProperty({ description: 'Gone from the source' }) deleted: boolean;
  @ApiProperty({ format: 'date-time', description: 'When a sync last changed it' })
  lastSyncedAt: string;
}
