import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';

import { Public } from '../../common/decorators/auth.decorators';
import { ProblemDto } from '../../common/dto/list.dto';
import { HealthService } from './health.service';

/** Readiness goes through Nest; liveness (GET /health) is a bare fastify route, see create-app.ts. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer' })
  @ApiOkResponse({
    schema: { example: { checks: { database: { latencyMs: 1, status: 'up' } }, status: 'ok' } },
  })
  @ApiServiceUnavailableResponse({ type: ProblemDto })
  ready() {
    return this.health.readiness();
  }
}
