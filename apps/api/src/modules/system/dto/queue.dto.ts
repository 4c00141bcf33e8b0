import { ApiProperty } from '@nestjs/swagger';

import { ValidateBoolean } from '../../../common/validation';
import { ALL_QUEUES, QueueName } from '../../../queues/queues';

export class QueueSummaryDto {
  @ApiProperty({ enum: ALL_QUEUES, enumName: 'QueueName' })
  name: QueueName;

  @ApiProperty({ type: 'integer' })
  waiting: number;

  @ApiProperty({ type: 'integer' })
  active: number;

  @ApiProperty({ type: 'integer' })
  delayed: number;

  @ApiProperty({ type: 'integer' })
  completed: number;

  @ApiProperty({ type: 'integer' })
  failed: number;

  @ApiProperty()
  paused: boolean;
}

export class QueueJobDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused', 'stuck'] })
  state: string;

  @ApiProperty({ type: 'integer' })
  attemptsMade: number;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty({ nullable: true, type: String })
  failedReason: string | null;

  @ApiProperty({ additionalProperties: true, type: 'object' })
  data: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;
}

export class RunDiagnosticDto {
  @ValidateBoolean({
    default: false,
    description: 'Make the job fail on every attempt, to check retries and alerts',
    optional: true,
  })
  fail?: boolean;
}
