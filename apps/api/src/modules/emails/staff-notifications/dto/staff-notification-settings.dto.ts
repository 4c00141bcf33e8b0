import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize } from 'class-validator';

import {
  UniqueBy,
  ValidateBoolean,
  ValidateNestedList,
  ValidateUUID,
} from '../../../../common/validation';

const MAX_SUBSCRIPTIONS = 200;

export class StaffSubscriptionDto {
  @ValidateUUID({ description: 'A staff user' })
  userId: string;

  @ValidateBoolean({ description: 'An email for each payment a customer makes' })
  paymentMade: boolean;

  @ValidateBoolean({
    description: "Yesterday's collections, payments, failed payments and failed emails",
  })
  dailySummary: boolean;

  @ValidateBoolean({ description: 'An hourly digest of emails that could not be delivered' })
  emailFailures: boolean;

  @ValidateBoolean({
    description: 'A summary after each AutoPay run (false when left out)',
    optional: true,
  })
  autopayRuns?: boolean;

  @ValidateBoolean({
    description:
      'An email when an AutoPay run leaves payments waiting for approval (false when left out)',
    optional: true,
  })
  autopayApprovals?: boolean;

  @ValidateBoolean({
    description:
      'An email for each portal access request; when nobody has this, every enabled admin gets them (false when left out)',
    optional: true,
  })
  accessRequests?: boolean;
}

export class StaffNotificationSettingsDto {
  @ApiProperty({ maxItems: MAX_SUBSCRIPTIONS, type: [StaffSubscriptionDto] })
  @ValidateNestedList(() => StaffSubscriptionDto)
  @ArrayMaxSize(MAX_SUBSCRIPTIONS, { message: `must hold at most ${MAX_SUBSCRIPTIONS} users` })
  @UniqueBy('userId', 'must name each user once')
  subscriptions: StaffSubscriptionDto[];
}

export class StaffSubscriptionResponseDto extends StaffSubscriptionDto {
  @ApiProperty() declare autopayRuns: boolean;
  @ApiProperty() declare autopayApprovals: boolean;
  @ApiProperty() declare accessRequests: boolean;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ description: 'Disabled users receive nothing until enabled again' })
  disabled: boolean;
}

export class StaffNotificationSettingsResponseDto {
  @ApiProperty({ type: [StaffSubscriptionResponseDto] })
  subscriptions: StaffSubscriptionResponseDto[];
}
