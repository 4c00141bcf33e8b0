import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { AUTOPAY_MAX_RETRIES, AUTOPAY_MAX_RETRY_DAY } from '@settle/domain';

export class AutopaySettingsDto {
  @ApiProperty({
    description: `Days after a declined charge's date that AutoPay tries it again, for declines that may pass (insufficient funds, a processing error); each later than the one before; [] for no retries`,
    example: [1, 3],
    items: { maximum: AUTOPAY_MAX_RETRY_DAY, minimum: 1, type: 'integer' },
    maxItems: AUTOPAY_MAX_RETRIES,
    type: 'array',
  })
  @IsArray({ message: 'must be a list of days' })
  @ArrayMaxSize(AUTOPAY_MAX_RETRIES, {
    message: `must hold at most ${AUTOPAY_MAX_RETRIES} retries`,
  })
  @IsInt({ each: true, message: 'each retry must be a whole number of days' })
  @Min(1, { each: true, message: 'each retry must be 1 day or more' })
  @Max(AUTOPAY_MAX_RETRY_DAY, {
    each: true,
    message: `each retry must be ${AUTOPAY_MAX_RETRY_DAY} days or fewer`,
  })
  retryOffsetsDays: number[];
}
