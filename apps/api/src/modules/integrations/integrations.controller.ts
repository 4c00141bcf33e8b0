import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Redirect,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadGatewayResponse,
  ApiCreatedResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { ProblemDto } from '../../common/dto/list.dto';
import {
  CreateIntegrationDto,
  IntegrationListResponseDto,
  IntegrationResponseDto,
  IntegrationTestResponseDto,
  OAuthCallbackQueryDto,
  UpdateIntegrationDto,
} from './dto/integration.dto';
import { StartSyncRunDto, SyncRunResponseDto } from './dto/sync-run.dto';
import { IntegrationsService } from './integrations.service';
import { QuickBooksAuthorization } from './quickbooks-authorization.service';
import { SyncRunsService } from './sync-runs.service';

const LOCATION = {
  Location: { description: 'Where the browser goes next', schema: { type: 'string' } },
};

@ApiTags('integrations')
@Controller('integrations')
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly runs: SyncRunsService,
    private readonly quickbooks: QuickBooksAuthorization,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Connected systems, each with its status and last sync run' })
  @ApiOkResponse({ type: IntegrationListResponseDto })
  list() {
    return this.integrations.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Connect a system; credentials are sealed and never returned' })
  @ApiCreatedResponse({ type: IntegrationResponseDto })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateIntegrationDto) {
    return this.integrations.create(auth, dto);
  }

  @Get('oauth/callback')
  @Roles('admin')
  @Redirect()
  @ApiOperation({
    summary:
      "QuickBooks' redirect back after its sign-in (the app's registered redirect URI, QBO_REDIRECT_URI): checks the state, stores the tokens sealed, starts the first sync; always sends the browser to the admin's integrations screen, with ?quickbooks=connected or ?quickbooks=error&reason=…",
  })
  @ApiFoundResponse({ description: 'To the admin SPA: /integrations?…', headers: LOCATION })
  oauthCallback(@CurrentAuth() auth: AuthContext, @Query() query: OAuthCallbackQueryDto) {
    return this.quickbooks.callback(auth, query);
  }

  @Get(':id/oauth/authorize')
  @Roles('admin')
  @Redirect()
  @ApiOperation({
    summary:
      "Connect (or reconnect) QuickBooks: sends the admin's browser to Intuit's consent screen, with a state valid for 10 minutes",
  })
  @ApiFoundResponse({ description: "To Intuit's authorize URL", headers: LOCATION })
  authorize(@UuidParam() id: string) {
    return this.quickbooks.authorize(id);
  }

  @Get(':id/invoices/:externalId/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      "A synced invoice's PDF, read from its source now with the integration's credentials (a synced invoice's pdfUrl); 404 when the source has none",
  })
  @ApiOkResponse({
    content: { 'application/pdf': { schema: { format: 'binary', type: 'string' } } },
    description: 'The PDF, shown inline, named by the invoice number',
  })
  @ApiBadGatewayResponse({
    description: 'The source did not give the PDF (refused, unreachable, an error, not a PDF)',
    type: ProblemDto,
  })
  async invoicePdf(@UuidParam() id: string, @Param('externalId') externalId: string) {
    const pdf = await this.integrations.invoicePdf(id, externalId);
    return new StreamableFile(pdf.body, {
      disposition: `inline; filename="${pdf.number.replace(/[^\w.-]+/g, '_')}.pdf"`,
      length: pdf.length ?? undefined,
      type: 'application/pdf',
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One integration' })
  @ApiOkResponse({ type: IntegrationResponseDto })
  get(@UuidParam() id: string) {
    return this.integrations.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change settings, credentials, schedule, or disconnect' })
  @ApiOkResponse({ type: IntegrationResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: UpdateIntegrationDto,
  ) {
    return this.integrations.update(auth, id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an integration and what it synced into the Entities list' })
  @ApiNoContentResponse()
  remove(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.integrations.remove(auth, id);
  }

  @Post(':id/test')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test the connection; a refusal marks the integration needing attention',
  })
  @ApiOkResponse({ type: IntegrationTestResponseDto })
  test(@UuidParam() id: string) {
    return this.integrations.test(id);
  }

  @Post(':id/sync-runs')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sync now: a queued run, or the one already queued or running for the integration',
  })
  @ApiAcceptedResponse({ type: SyncRunResponseDto })
  sync(@CurrentAuth() auth: AuthContext, @UuidParam() id: string, @Body() dto: StartSyncRunDto) {
    return this.runs.start(auth, id, dto);
  }
}
