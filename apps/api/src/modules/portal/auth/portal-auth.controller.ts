import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { PortalPrincipal } from '../../../common/auth-context';
import { Client, ClientInfo, Public } from '../../../common/decorators/auth.decorators';
import { CurrentContact, PORTAL_SESSION_SCHEME } from '../portal.decorators';
import { AccessRequestsService } from './access-requests.service';
import {
  PortalAccessRequestDto,
  PortalLoginDto,
  PortalMeResponseDto,
  PortalPasswordResetDto,
  PortalSetPasswordDto,
  PortalStaffViewQueryDto,
} from './dto/portal-auth.dto';
import { PortalStaffViewService } from './portal-staff-view.service';
import { PortalAuthService } from './portal-auth.service';
import { PortalCookies } from './portal-cookies';

@ApiTags('portal')
@ApiCookieAuth(PORTAL_SESSION_SCHEME)
@Controller('portal')
export class PortalAuthController {
  constructor(
    private readonly auth: PortalAuthService,
    private readonly cookies: PortalCookies,
    private readonly staffView: PortalStaffViewService,
    private readonly accessRequests: AccessRequestsService,
  ) {}

  @Get('auth/staff-view')
  @Public()
  @ApiOperation({
    summary:
      'Open a staff view link (one use, one minute): sets a read-only portal session for an hour and redirects to the portal',
  })
  @ApiResponse({
    description: 'Redirect to the portal, signed in as a read-only staff view',
    status: 303,
  })
  async openStaffView(
    @Query() query: PortalStaffViewQueryDto,
    @Client() client: ClientInfo,
    @Res() reply: FastifyReply,
  ) {
    this.cookies.set(reply, await this.staffView.open(query.token, client));
    return reply.redirect('/portal/', 303);
  }

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'A contact signs in; sets the settle_portal_session and settle_portal_csrf cookies',
  })
  @ApiOkResponse({ type: PortalMeResponseDto })
  async login(
    @Body() dto: PortalLoginDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.cookies.issue(reply, await this.auth.login(dto, client));
  }

  @Post('auth/invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Accept the welcome email's invitation (7 days, single use): set a password, signed in",
  })
  @ApiOkResponse({ type: PortalMeResponseDto })
  async acceptInvitation(
    @Body() dto: PortalSetPasswordDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.cookies.issue(reply, await this.auth.acceptInvitation(dto, client));
  }

  @Post('auth/password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Email a password reset link (1 hour) to the contact with this address, if there is one; 202 either way',
  })
  @ApiAcceptedResponse()
  requestPasswordReset(@Body() dto: PortalPasswordResetDto) {
    return this.auth.requestPasswordReset(dto);
  }

  @Post('auth/access-requests')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask the MSP for portal access from the sign-in page: staff are emailed who asked; 429 after 5 an hour from one address',
  })
  @ApiAcceptedResponse()
  requestAccess(@Body() dto: PortalAccessRequestDto, @Client() client: ClientInfo) {
    return this.accessRequests.request(dto, client);
  }

  @Post('auth/password-reset/confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a new password with the reset link (single use); other sessions end, signed in',
  })
  @ApiOkResponse({ type: PortalMeResponseDto })
  async confirmPasswordReset(
    @Body() dto: PortalSetPasswordDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.cookies.issue(reply, await this.auth.confirmPasswordReset(dto, client));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current portal session' })
  @ApiNoContentResponse()
  async logout(
    @CurrentContact() principal: PortalPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.auth.logout(principal);
    this.cookies.clear(reply);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in contact and the organizations it may act for' })
  @ApiOkResponse({ type: PortalMeResponseDto })
  me(@CurrentContact() principal: PortalPrincipal) {
    return this.auth.me(principal);
  }
}
