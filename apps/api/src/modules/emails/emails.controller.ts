import { Controller, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import {
  ApiIdempotencyKey,
  IdempotencyKeyHeader,
  replyStored,
} from '../../common/idempotency/idempotency.decorators';
import { EmailResponseDto, EmailSummaryDto, ListEmailsQueryDto } from './dto/email.dto';
import { ApiEmailDocument, replyEmailDocument } from './email-document';
import { EmailsService } from './emails.service';

const AttachmentIndex = () =>
  Param(
    'index',
    new ParseIntPipe({
      exceptionFactory: () => AppException.invalidField('index', 'must be an integer'),
    }),
  );

@ApiTags('emails')
@Controller('emails')
@Roles('admin', 'billing')
export class EmailsController {
  constructor(private readonly emails: EmailsService) {}

  @Get()
  @ApiOperation({
    summary: 'Emails by organization, contact, invoice, payment, type and status; newest first',
  })
  @ApiOkResponse({ type: PagedResponseDto(EmailSummaryDto) })
  list(@Query() query: ListEmailsQueryDto) {
    return this.emails.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An email with its content, attachments and event trail' })
  @ApiOkResponse({ type: EmailResponseDto })
  get(@UuidParam() id: string) {
    return this.emails.get(id);
  }

  @Get(':id/html')
  @ApiOperation({ summary: "The email's HTML as a document, for a preview frame" })
  @ApiEmailDocument()
  async html(@UuidParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return replyEmailDocument(reply, await this.emails.html(id));
  }

  @Get(':id/attachments/:index')
  @ApiParam({ name: 'index', schema: { minimum: 0, type: 'integer' } })
  @ApiProduces('*/*')
  @ApiOperation({ summary: 'An attachment of the email, as the file it was sent as' })
  @ApiOkResponse({
    content: { '*/*': { schema: { format: 'binary', type: 'string' } } },
    description: 'The file, with its Content-Type and a Content-Disposition naming it',
  })
  attachment(@UuidParam() id: string, @AttachmentIndex() index: number) {
    return this.emails.attachment(id, index);
  }

  @Post(':id/resend')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Send the same content to the same recipients again, as a new email linked to this one',
  })
  @ApiCreatedResponse({ type: EmailResponseDto })
  async resend(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.emails.resend(auth, id, key));
  }
}
