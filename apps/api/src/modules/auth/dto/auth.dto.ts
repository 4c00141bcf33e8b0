import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@settle/domain';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { ValidateEmail, ValidateText } from '../../../common/validation';

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

  @ApiProperty({ description: 'The user signs in with a second factor (false for an API key)' })
  twoFactorEnabled: boolean;

  @ApiProperty({
    description:
      'Two-factor sign-in is required and not set up yet: every other route answers 403 two_factor_enrolment_required until it is',
  })
  twoFactorEnrolmentRequired: boolean;
}

export class TwoFactorChallengeDto {
  @ApiProperty({
    description:
      'The password was right and a second factor is needed: send it to POST /auth/login/two-factor within 5 minutes',
    enum: [true],
  })
  twoFactorRequired: true;
}

export class LoginTwoFactorDto {
  @ValidateText({
    description: 'The 6-digit code of the authenticator app (or send recoveryCode instead)',
    example: '123456',
    max: 20,
    optional: true,
  })
  code?: string;

  @ValidateText({
    description: 'One of the recovery codes shown at enrolment; each works once',
    example: 'abcde-fghjk',
    max: 40,
    optional: true,
  })
  recoveryCode?: string;
}

export class TwoFactorCodeDto {
  @ValidateText({
    description: 'The 6-digit code of the authenticator app',
    example: '123456',
    max: 20,
  })
  code: string;
}

export class CurrentPasswordDto {
  @ApiProperty({ description: 'Your current password', format: 'password', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(200)
  password: string;
}

export class TwoFactorSetupResponseDto {
  @ApiProperty({ description: 'Base32 secret, for typing into an app by hand' })
  secret: string;

  @ApiProperty({ example: 'otpauth://totp/Settle:jane%40example.com?secret=...&issuer=Settle' })
  otpauthUrl: string;

  @ApiProperty({ description: 'The otpauth URL as a QR code, a PNG data URL' })
  qrCodeDataUrl: string;
}

export class RecoveryCodesResponseDto {
  @ApiProperty({
    description: 'Shown this once; each signs in once instead of a code',
    type: [String],
  })
  recoveryCodes: string[];
}
