import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateDate, ValidateUUID } from '../../../common/validation';
import {
  AUTOPAY_RUN_STATUSES,
  AUTOPAY_RUN_TRIGGERS,
  AutopayRunStatus,
  AutopayRunTrigger,
} from '../autopay-run.entity';

export class StartAutopayRunDto {
  @ValidateDate({
    description:
      'The run date (MSP calendar); default today. An earlier date catches up a missed run',
    optional: true,
  })
  date?: string;
}

export class ListAutopayRunsQueryDto extends ListQueryDto {}

export class ListAutopayApprovalsQueryDto extends ListQueryDto {
  @ValidateUUID({ optional: true })
  organizationId?: string;
}

export class AutopayRunCountsDto {
  @ApiProperty({ description: 'Open invoices judged', type: 'integer' }) evaluated: number;
  @ApiProperty({ description: 'Payments made and charged', type: 'integer' }) charged: number;
  @ApiProperty({ description: 'Charges the gateway declined', type: 'integer' }) failed: number;
  @ApiProperty({ description: 'Payments waiting for staff approval', type: 'integer' })
  pendingApproval: number;
  @ApiProperty({
    description: 'Charges not made: already made for the date, or refused by a payment rule',
    type: 'integer',
  })
  skipped: number;
}

export class AutopayRunResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) runDate: string;
  @ApiProperty({ enum: AUTOPAY_RUN_STATUSES, enumName: 'AutopayRunStatus' })
  status: AutopayRunStatus;
  @ApiProperty({ enum: AUTOPAY_RUN_TRIGGERS, enumName: 'AutopayRunTrigger' })
  trigger: AutopayRunTrigger;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ type: AutopayRunCountsDto }) counts: AutopayRunCountsDto;
  @ApiProperty({
    description: 'Why charges failed or were refused, one line each (the first 50)',
    type: [String],
  })
  problems: string[];
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AutopayApprovalDto {
  @ApiProperty({
    description: 'Payments waiting for approval (status pending_approval)',
    format: 'uuid',
    isArray: true,
    maxItems: 200,
    type: String,
  })
  @IsArray({ message: 'must be a list of UUIDs' })
  @ArrayMinSize(1, { message: 'must name at least one payment' })
  @ArrayMaxSize(200, { message: 'must name at most 200 payments' })
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  paymentIds: string[];
}

export class AutopayApprovalResultDto {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ description: 'Whether this payment was approved (or rejected)' }) ok: boolean;
  @ApiProperty({ description: 'The payment status afterwards', nullable: true, type: String })
  status: string | null;
  @ApiProperty({ description: 'Why not, when ok is false', nullable: true, type: String })
  error: string | null;
}

export class AutopayApprovalResponseDto {
  @ApiProperty({ isArray: true, type: AutopayApprovalResultDto }) data: AutopayApprovalResultDto[];
}
