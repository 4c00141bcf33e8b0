import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

import { ValidateNestedObject, ValidateText } from '../../../common/validation';
import { AccessProfile } from '../access-profile.entity';

export class AccessPermissionsDto {
  @ApiProperty() @IsBoolean() viewInvoices: boolean;
  @ApiProperty() @IsBoolean() pay: boolean;
  @ApiProperty() @IsBoolean() managePaymentMethods: boolean;
  @ApiProperty() @IsBoolean() manageAutopay: boolean;
  @ApiProperty() @IsBoolean() viewCredits: boolean;
  @ApiProperty() @IsBoolean() viewUnappliedPayments: boolean;
  @ApiProperty() @IsBoolean() receiveAccountEmails: boolean;
}

export class CreateAccessProfileDto {
  @ValidateText({ example: 'Billing Admin', max: 80 })
  name: string;

  @ValidateNestedObject(() => AccessPermissionsDto)
  permissions: AccessPermissionsDto;
}

/** Every field may be left out; none may be null (there is nothing to clear). */
export class UpdateAccessProfileDto extends PartialType(CreateAccessProfileDto, {
  skipNullProperties: false,
}) {}

export class AccessProfileResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: AccessPermissionsDto }) permissions: AccessPermissionsDto;
  @ApiProperty({ type: 'integer' }) contactsCount: number;
  @ApiProperty() isSystem: boolean;
}

export class AccessProfileListResponseDto {
  @ApiProperty({ isArray: true, type: AccessProfileResponseDto }) data: AccessProfileResponseDto[];
}

export function permissionsOf(profile: AccessProfile): AccessPermissionsDto {
  return {
    manageAutopay: profile.canManageAutopay,
    managePaymentMethods: profile.canManagePaymentMethods,
    pay: profile.canPay,
    receiveAccountEmails: profile.receivesAccountEmails,
    viewCredits: profile.canViewCredits,
    viewInvoices: profile.canViewInvoices,
    viewUnappliedPayments: profile.canViewUnappliedPayments,
  };
}

export function permissionColumns(permissions: AccessPermissionsDto): Partial<AccessProfile> {
  return {
    canManageAutopay: permissions.manageAutopay,
    canManagePaymentMethods: permissions.managePaymentMethods,
    canPay: permissions.pay,
    canViewCredits: permissions.viewCredits,
    canViewInvoices: permissions.viewInvoices,
    canViewUnappliedPayments: permissions.viewUnappliedPayments,
    receivesAccountEmails: permissions.receiveAccountEmails,
  };
}
