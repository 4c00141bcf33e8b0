import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { NOTICE_DAYS_MAX, NOTICE_DAYS_MAX_STEPS, NOTICE_DAYS_MIN } from '@settle/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';

import { ValidateBoolean } from '../../../../common/validation';

function ValidateNoticeDays(description: string, example: number[]) {
  return applyDecorators(
    ApiProperty({
      description,
      example,
      items: { maximum: NOTICE_DAYS_MAX, minimum: NOTICE_DAYS_MIN, type: 'integer' },
      maxItems: NOTICE_DAYS_MAX_STEPS,
      type: 'array',
      uniqueItems: true,
    }),
    IsArray({ message: 'must be a list of days' }),
    ArrayMaxSize(NOTICE_DAYS_MAX_STEPS, {
      message: `must hold at most ${NOTICE_DAYS_MAX_STEPS} days`,
    }),
    ArrayUnique({ message: 'must not repeat a day' }),
    IsInt({ each: true, message: 'must be whole days' }),
    Min(NOTICE_DAYS_MIN, { each: true, message: `must be at least ${NOTICE_DAYS_MIN} day` }),
    Max(NOTICE_DAYS_MAX, { each: true, message: `must be at most ${NOTICE_DAYS_MAX} days` }),
  );
}

/**
 * Which invoice and payment-method notices go to customers, and when. Each organization's
 * default notification contacts receive them (if their access profile receives account emails),
 * unless the organization excludes notices.
 */
export class NoticeSettingsDto {
  @ValidateBoolean({ description: 'Announce an invoice within 3 days of it arriving' })
  newInvoice: boolean;

  @ValidateNoticeDays('Remind this many days before the due date; empty for none', [7, 1])
  dueSoonDays: number[];

  @ValidateNoticeDays('Remind this many days after the due date; empty for none', [1, 7, 14, 30])
  pastDueDays: number[];

  @ValidateBoolean({
    description: 'Warn 30 days before a card on file expires, and again once it has expired',
  })
  methodExpiry: boolean;

  @ApiProperty({
    description: "The hour of the day (0–23, the MSP's time zone) the notices go out",
    example: 8,
    maximum: 23,
    minimum: 0,
    type: 'integer',
  })
  @IsInt({ message: 'must be a whole hour' })
  @Min(0)
  @Max(23)
  sendHour: number;
}
