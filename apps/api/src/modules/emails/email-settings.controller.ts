import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  PipeTransform,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { AppException } from '../../common/errors/app.exception';
import {
  ApiIdempotencyKey,
  IdempotencyKeyHeader,
  replyStored,
} from '../../common/idempotency/idempotency.decorators';
import { EmailCreatedResponseDto, TestEmailDto } from './dto/email.dto';
import {
  EmailPreviewDto,
  EmailSettingsResponseDto,
  EmailTemplateDto,
  EmailTemplateListDto,
  PreviewEmailTemplateDto,
  UpdateEmailSettingsDto,
  UpdateEmailTemplateDto,
} from './dto/email-settings.dto';
import { ApiEmailDocument, replyEmailDocument } from './email-document';
import { EmailSettingsService } from './email-settings.service';
import { EmailsService } from './emails.service';
import { EMAIL_TYPES, EmailType } from './templates';

class EmailTypePipe implements PipeTransform {
  transform(value: unknown): EmailType {
    if (typeof value === 'string' && (EMAIL_TYPES as readonly string[]).includes(value))
      return value as EmailType;
    throw AppException.invalidField('type', `must be one of: ${EMAIL_TYPES.join(', ')}`);
  }
}
const TemplateType = () => Param('type', new EmailTypePipe());
const ApiTemplateType = () => ApiParam({ enum: EMAIL_TYPES, enumName: 'EmailType', name: 'type' });

@ApiTags('settings')
@Controller('settings/email')
@Roles('admin')
export class EmailSettingsController {
  constructor(
    private readonly settings: EmailSettingsService,
    private readonly emails: EmailsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Where email goes and who it is from (the SMTP URL is never shown)' })
  @ApiOkResponse({ type: EmailSettingsResponseDto })
  get() {
    return this.settings.describe();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the email settings; the SMTP URL is sealed at rest' })
  @ApiOkResponse({ type: EmailSettingsResponseDto })
  update(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateEmailSettingsDto) {
    return this.settings.update(auth, dto);
  }

  @Post('test')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Send a test email through the configured server' })
  @ApiAcceptedResponse({ type: EmailCreatedResponseDto })
  async test(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: TestEmailDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.emails.sendTest(auth, dto, key));
  }

  @Get('templates')
  @ApiOperation({ summary: "Every email type with its default and the MSP's subject and intro" })
  @ApiOkResponse({ type: EmailTemplateListDto })
  templates() {
    return this.settings.templates();
  }

  @Put('templates/:type')
  @ApiTemplateType()
  @ApiOperation({ summary: "Set a type's subject and intro; null restores the default" })
  @ApiOkResponse({ type: EmailTemplateDto })
  updateTemplate(
    @CurrentAuth() auth: AuthContext,
    @TemplateType() type: EmailType,
    @Body() dto: UpdateEmailTemplateDto,
  ) {
    return this.settings.updateTemplate(auth, type, dto);
  }

  @Post('templates/:type/preview')
  @HttpCode(200)
  @ApiTemplateType()
  @ApiOperation({
    summary: "Render a type with sample data and the MSP's branding; writes nothing",
  })
  @ApiOkResponse({ type: EmailPreviewDto })
  preview(@TemplateType() type: EmailType, @Body() dto: PreviewEmailTemplateDto) {
    return this.settings.preview(type, dto);
  }

  @Get('templates/:type/preview.html')
  @ApiTemplateType()
  @ApiOperation({
    summary: 'The same preview as an HTML document, for a preview frame; writes nothing',
  })
  @ApiEmailDocument()
  async previewDocument(
    @TemplateType() type: EmailType,
    @Query() dto: PreviewEmailTemplateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyEmailDocument(reply, (await this.settings.preview(type, dto)).html);
  }
}
