import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@settle/domain';
import { IsString, ValidateBy } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import {
  QuerySort,
  ValidateBoolean,
  ValidateEmail,
  ValidateEnum,
  ValidateText,
} from '../../../common/validation';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../password-policy';
import { User } from '../user.entity';

/**
 * Every password staff set through the API: see passwordProblem. (Demo data sets its own
 * through the service.)
 */
export function ValidatePassword() {
  return applyDecorators(
    ApiProperty({
      description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters besides whitespace at either end, not one of the most common (breached) passwords, and not the account's email`,
      format: 'password',
      maxLength: PASSWORD_MAX_LENGTH,
      minLength: PASSWORD_MIN_LENGTH,
    }),
    IsString(),
    ValidateBy({
      name: 'passwordPolicy',
      validator: {
        defaultMessage: (args) => passwordProblem(String(args?.value), emailOf(args?.object)) ?? '',
        validate: (value, args) =>
          typeof value !== 'string' || passwordProblem(value, emailOf(args?.object)) === null,
      },
    }),
  );
}

/** The email beside the password in the same body, when there is one. */
function emailOf(object: object | undefined): string | null {
  const email = (object as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : null;
}

export class CreateUserDto {
  @ValidateEmail()
  email: string;

  @ValidateText({ example: 'Jane Doe', max: 120 })
  name: string;

  @ValidateEnum(STAFF_ROLES, { enumName: 'StaffRole' })
  role: StaffRole;

  @ValidatePassword()
  password: string;
}

export class UpdateUserDto {
  @ValidateText({ max: 120, optional: true })
  name?: string;

  @ValidateEnum(STAFF_ROLES, { enumName: 'StaffRole', optional: true })
  role?: StaffRole;

  @ValidateBoolean({
    description: 'A disabled user cannot sign in; their sessions end at once',
    optional: true,
  })
  disabled?: boolean;
}

export class ResetPasswordDto {
  @ValidatePassword()
  password: string;
}

export const USER_SORT_FIELDS = ['name', 'email', 'role', 'createdAt', 'lastLoginAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export class ListUsersQueryDto extends ListQueryDto {
  @QuerySort(USER_SORT_FIELDS)
  sort?: string;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: STAFF_ROLES, enumName: 'StaffRole' })
  role: StaffRole;

  @ApiProperty()
  disabled: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastLoginAt: string | null;

  @ApiProperty({ description: 'Whether the user signs in with a second factor' })
  twoFactorEnabled: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export function toUserResponse(user: User): UserResponseDto {
  return {
    createdAt: user.createdAt.toISOString(),
    disabled: user.disabled,
    email: user.email,
    id: user.id,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    name: user.name,
    role: user.role,
    twoFactorEnabled: user.twoFactorEnabledAt != null,
  };
}
