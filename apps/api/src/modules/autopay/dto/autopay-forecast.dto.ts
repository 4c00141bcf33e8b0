import { ApiProperty } from '@nestjs/swagger';

import { ValidateDate, ValidateUUID } from '../../../common/validation';

export class AutopayForecastQueryDto {
  @ValidateDate({ description: 'First date (MSP calendar)' })
  from: string;

  @ValidateDate({ description: 'Last date, at most 92 days after from' })
  to: string;

  @ValidateUUID({ description: 'Only this organization', optional: true })
  organizationId?: string;
}

export class AutopayForecastChargeDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty() invoiceNumber: string;
  @ApiProperty({ format: 'uuid' }) ruleId: string;
  @ApiProperty({ format: 'uuid' }) paymentMethodId: string;
  @ApiProperty({ description: 'Minor units', type: 'integer' }) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ description: 'The charge will wait for staff approval' }) needsApproval: boolean;
}

export class AutopayForecastDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ isArray: true, type: AutopayForecastChargeDto })
  charges: AutopayForecastChargeDto[];
}

export class AutopayForecastResponseDto {
  @ApiProperty({
    description: 'Only dates with charges, in order',
    isArray: true,
    type: AutopayForecastDayDto,
  })
  days: AutopayForecastDayDto[];
}
