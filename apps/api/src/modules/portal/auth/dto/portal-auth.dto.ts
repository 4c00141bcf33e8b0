import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { ValidateEmail, ValidateText } from '../../../../common/validation';
import { ValidatePassword } from '../../../users';

export class PortalLoginDto {
  @ValidateEmail()
  email: string;

  @ApiProperty({ format: 'password', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(200)
  password: string;
}

/** The secret from a welcome or reset link (`?token=`), with the password to set. */
export class PortalSetPasswordDto {
  @ApiProperty({ description: 'The token from the link', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(200)
  token: string;

  @ValidatePassword()
  password: string;
}

export class PortalPasswordResetDto {
  @ValidateEmail()
  email: string;
}

/** Someone without a portal login asks the MSP's staff for one. */
export class PortalAccessRequestDto {
  @ValidateText({ description: 'Who is asking', example: 'Sam Rivera', max: 120 })
  name: string;

  @ValidateEmail({ description: 'Where the invitation should go' })
  email: string;

  @ValidateText({
    description: 'The company they pay invoices for',
    example: 'Contoso Dental',
    max: 200,
  })
  company: string;

  @ValidateText({
    description: 'Anything staff should know',
    max: 1000,
    nullable: true,
    optional: true,
  })
  message?: string | null;
}

export class PortalPermissionsDto {
  @ApiProperty() viewInvoices: boolean;
  @ApiProperty() pay: boolean;
  @ApiProperty() manageMethods: boolean;
  @ApiProperty() manageAutopay: boolean;
  @ApiProperty() viewCredits: boolean;
}

export class PortalOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: PortalPermissionsDto }) permissions: PortalPermissionsDto;
}

export class PortalContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'email' }) email: string;
}

/** Who is signed in to the portal, and every organization it may switch between. */
export class PortalMeResponseDto {
  @ApiProperty({ type: PortalContactDto }) contact: PortalContactDto;
  @ApiProperty({ isArray: true, type: PortalOrganizationDto })
  organizations: PortalOrganizationDto[];
  @ApiProperty({
    description:
      "A staff user looking at the portal as this organization's contacts see it: read only",
  })
  staffView: boolean;
}

export class PortalStaffViewResponseDto {
  @ApiProperty({
    description: 'Open it in a browser within a minute; it works once',
    format: 'uri',
  })
  url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class PortalStaffViewQueryDto {
  @ApiProperty({ description: 'The one-time token from POST /organizations/{id}/portal-view' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}
