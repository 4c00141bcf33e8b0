import { ValidateBoolean } from '../../../common/validation';

export class SecuritySettingsDto {
  @ValidateBoolean({
    description:
      'Every staff user must sign in with a second factor; one without it can only enrol until they do',
  })
  requireTwoFactor: boolean;
}

export const DEFAULT_SECURITY_SETTINGS: SecuritySettingsDto = { requireTwoFactor: false };
