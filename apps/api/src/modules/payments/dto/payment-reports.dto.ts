import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_STATUSES, PaymentStatus } from '@settle/domain';

import { ValidateDate, ValidateUUID } from '../../../common/validation';

export class PaymentsCalendarQueryDto {
  @ValidateDate({ description: 'First day (MSP time zone)' })
  from: string;

  @ValidateDate({ description: 'Last day, at most 62 days after from' })
  to: string;

  @ValidateUUID({ optional: true, description: "Only this organization's payments" })
  organizationId?: string;
}

export class CalendarPaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' }) status: PaymentStatus;
  @ApiProperty({
    description: 'scheduled: a dated payment; made: charged that day',
    enum: ['scheduled', 'made'],
  })
  kind: 'scheduled' | 'made';
}

export class CalendarTotalDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({
    description: 'Sum of the payments in this currency that succeeded',
    type: 'integer',
  })
  collected: number;
  @ApiProperty({
    description:
      'Sum of the payments in this currency still to come: scheduled, awaiting approval or processing',
    type: 'integer',
  })
  expected: number;
}

export class CalendarDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({
    description:
      'One entry per currency that has collected or expected money; money in different currencies is never added, and declined, returned and refunded payments are listed but not added',
    isArray: true,
    type: CalendarTotalDto,
  })
  totals: CalendarTotalDto[];
  @ApiProperty({ isArray: true, type: CalendarPaymentDto }) payments: CalendarPaymentDto[];
}

export class PaymentsCalendarResponseDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Only days with payments', isArray: true, type: CalendarDayDto })
  days: CalendarDayDto[];
}
