import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { AppException } from '../../common/errors/app.exception';
import { ALL_QUEUES, QueueName } from '../../queues/queues';
import { QueueJobDto, QueueSummaryDto, RunDiagnosticDto } from './dto/queue.dto';
import { QueueStatusService } from './queue-status.service';

const QueueParam = () =>
  Param(
    'queue',
    new ParseEnumPipe(QueueName, {
      exceptionFactory: () =>
        AppException.invalidField('queue', `must be one of: ${ALL_QUEUES.join(', ')}`),
    }),
  );

@ApiTags('system')
@Controller('system/queues')
@Roles('admin')
export class QueuesController {
  constructor(private readonly queues: QueueStatusService) {}

  @Get()
  @ApiOperation({ summary: 'Job counts for every queue' })
  @ApiOkResponse({ isArray: true, type: QueueSummaryDto })
  list() {
    return this.queues.summaries();
  }

  @Get(':queue/failed')
  @ApiParam({ enum: ALL_QUEUES, name: 'queue' })
  @ApiOperation({ summary: 'The 50 most recent failed jobs of a queue' })
  @ApiOkResponse({ isArray: true, type: QueueJobDto })
  failed(@QueueParam() queue: QueueName) {
    return this.queues.failedJobs(queue);
  }

  @Get(':queue/jobs/:jobId')
  @ApiParam({ enum: ALL_QUEUES, name: 'queue' })
  @ApiOperation({ summary: 'One job and its state' })
  @ApiOkResponse({ type: QueueJobDto })
  job(@QueueParam() queue: QueueName, @Param('jobId') jobId: string) {
    return this.queues.job(queue, jobId);
  }

  @Post(':queue/diagnostics')
  @HttpCode(202)
  @ApiParam({ enum: ALL_QUEUES, name: 'queue' })
  @ApiOperation({ summary: "Enqueue a diagnostic job to prove the queue's workers are alive" })
  @ApiAcceptedResponse({ type: QueueJobDto })
  runDiagnostic(
    @CurrentAuth() auth: AuthContext,
    @QueueParam() queue: QueueName,
    @Body() dto: RunDiagnosticDto,
  ) {
    return this.queues.runDiagnostic(auth, queue, dto);
  }
}
