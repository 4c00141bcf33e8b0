import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@settle/domain';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { ValidateEmail } from '../../../common/validation';

export class LoginDto {
  @ValidateEmail()
  email: string;

  @ApiProperty({ format: 'password', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(200)
  password: string;
}

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: "The user's email, or the API key's name" })
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: STAFF_ROLES, enumName: 'StaffRole' })
  role: StaffRole;

  @ApiProperty({ enum: ['user', 'apiKey'], enumName: 'CredentialKind' })
  kind: 'user' | 'apiKey';
}
