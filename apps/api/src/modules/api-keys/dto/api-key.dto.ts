import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@settle/domain';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateEnum, ValidateText } from '../../../common/validation';
import { ApiKey } from '../api-key.entity';

export class CreateApiKeyDto {
  @ValidateText({ example: 'Accounting export', max: 120 })
  name: string;

  @ValidateEnum(STAFF_ROLES, {
    description: 'Defaults to billing',
    enumName: 'StaffRole',
    optional: true,
  })
  role: StaffRole = 'billing';
}

export class ListApiKeysQueryDto extends ListQueryDto {}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The public start of the key', example: 'sk_3k9x2m7q' })
  prefix: string;

  @ApiProperty({ enum: STAFF_ROLES, enumName: 'StaffRole' })
  role: StaffRole;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastUsedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The whole key. Shown once; Settle keeps only its hash.' })
  secret: string;
}

export function toApiKeyResponse(key: ApiKey): ApiKeyResponseDto {
  return {
    createdAt: key.createdAt.toISOString(),
    id: key.id,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    name: key.name,
    prefix: key.prefix,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    role: key.role,
  };
}
