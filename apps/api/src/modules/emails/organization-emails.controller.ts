import { Body, Controller, Get, Post, Put, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import {
  ApiIdempotencyKey,
  IdempotencyKeyHeader,
  replyStored,
} from '../../common/idempotency/idempotency.decorators';
import { AccountSummaryDto, EmailCreatedResponseDto, EmailListResponseDto } from './dto/email.dto';
import { EmailExclusionsDto } from './dto/email-settings.dto';
import { EmailsService } from './emails.service';

@ApiTags('emails')
@Controller('organizations/:organizationId')
@Roles('admin', 'billing')
export class OrganizationEmailsController {
  constructor(private readonly emails: EmailsService) {}

  @Post('account-summary')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Email the account summary, its statement PDF attached, to contacts of the organization (one email each)',
  })
  @ApiAcceptedResponse({ type: EmailListResponseDto })
  async accountSummary(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: AccountSummaryDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.emails.sendAccountSummary(auth, organizationId, dto, key));
  }

  @Post('contacts/:contactId/welcome')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Email the contact an invitation to the portal (link valid 7 days)' })
  @ApiAcceptedResponse({ type: EmailCreatedResponseDto })
  async welcome(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam('contactId') contactId: string,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(
      reply,
      await this.emails.sendAccess(auth, organizationId, contactId, 'welcome', key),
    );
  }

  @Post('contacts/:contactId/password-reset')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Email the contact a link to set a new portal password' })
  @ApiAcceptedResponse({ type: EmailCreatedResponseDto })
  async passwordReset(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam('contactId') contactId: string,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(
      reply,
      await this.emails.sendAccess(auth, organizationId, contactId, 'password_reset', key),
    );
  }

  @Get('email-exclusions')
  @ApiOperation({ summary: 'Automated email categories the organization does not receive' })
  @ApiOkResponse({ type: EmailExclusionsDto })
  exclusions(@UuidParam('organizationId') organizationId: string) {
    return this.emails.exclusions(organizationId);
  }

  @Put('email-exclusions')
  @ApiOperation({
    summary:
      'Replace the excluded categories: receipts, notices, statements (access emails are never excluded)',
  })
  @ApiOkResponse({ type: EmailExclusionsDto })
  setExclusions(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: EmailExclusionsDto,
  ) {
    return this.emails.setExclusions(auth, organizationId, dto);
  }
}
