import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import {
  AllowedBeforeTwoFactor,
  Client,
  ClientInfo,
  CurrentAuth,
  Public,
  Roles,
} from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { SessionListResponseDto, TwoFactorService, UserResponseDto } from '../users';
import { AuthService } from './auth.service';
import {
  CurrentPasswordDto,
  LoginDto,
  LoginTwoFactorDto,
  MeResponseDto,
  RecoveryCodesResponseDto,
  TwoFactorChallengeDto,
  TwoFactorCodeDto,
  TwoFactorSetupResponseDto,
} from './dto/auth.dto';
import { PENDING_SIGN_IN_COOKIE, SessionCookies } from './session-cookies';

const EVERY_ROLE = ['admin', 'billing', 'viewer'] as const;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in; sets the settle_session and settle_csrf cookies, or, for a user with two-factor sign-in, answers twoFactorRequired and awaits POST /auth/login/two-factor',
  })
  @ApiExtraModels(UserResponseDto, TwoFactorChallengeDto)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(UserResponseDto) },
        { $ref: getSchemaPath(TwoFactorChallengeDto) },
      ],
    },
  })
  async login(
    @Body() dto: LoginDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto | TwoFactorChallengeDto> {
    const result = await this.auth.login(dto, client);
    if (result.twoFactorRequired) return this.cookies.challenge(reply, result.pendingToken);
    return this.cookies.issue(reply, result);
  }

  @Post('login/two-factor')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Finish a sign-in with a code from the authenticator app or a recovery code; sets the session cookies',
  })
  @ApiOkResponse({ type: UserResponseDto })
  async loginTwoFactor(
    @Body() dto: LoginTwoFactorDto,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const pendingToken = request.cookies?.[PENDING_SIGN_IN_COOKIE];
    const result = await this.auth.loginTwoFactor(dto, pendingToken, client);
    this.cookies.clearChallenge(reply);
    return this.cookies.issue(reply, result);
  }

  @Post('logout')
  @HttpCode(204)
  @Roles(...EVERY_ROLE)
  @AllowedBeforeTwoFactor()
  @ApiOperation({ summary: 'End the current session' })
  @ApiNoContentResponse()
  async logout(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(auth);
    this.cookies.clear(reply);
  }

  @Get('me')
  @AllowedBeforeTwoFactor()
  @ApiOperation({ summary: 'Who the credentials belong to' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentAuth() auth: AuthContext) {
    return this.auth.me(auth);
  }

  @Post('two-factor/setup')
  @HttpCode(200)
  @Roles(...EVERY_ROLE)
  @AllowedBeforeTwoFactor()
  @ApiOperation({
    summary:
      'Start two-factor enrolment: a new TOTP secret and its QR code, pending until confirmed with a code',
  })
  @ApiOkResponse({ type: TwoFactorSetupResponseDto })
  setupTwoFactor(@CurrentAuth() auth: AuthContext) {
    return this.twoFactor.setup(auth);
  }

  @Post('two-factor/enable')
  @HttpCode(200)
  @Roles(...EVERY_ROLE)
  @AllowedBeforeTwoFactor()
  @ApiOperation({
    summary: 'Confirm enrolment with a code; answers the recovery codes, shown this once',
  })
  @ApiOkResponse({ type: RecoveryCodesResponseDto })
  enableTwoFactor(@CurrentAuth() auth: AuthContext, @Body() dto: TwoFactorCodeDto) {
    return this.twoFactor.enable(auth, dto.code);
  }

  @Post('two-factor/disable')
  @HttpCode(204)
  @Roles(...EVERY_ROLE)
  @ApiOperation({ summary: 'Turn two-factor sign-in off (needs the current password)' })
  @ApiNoContentResponse()
  disableTwoFactor(@CurrentAuth() auth: AuthContext, @Body() dto: CurrentPasswordDto) {
    return this.twoFactor.disable(auth, dto.password);
  }

  @Post('two-factor/recovery-codes')
  @HttpCode(200)
  @Roles(...EVERY_ROLE)
  @ApiOperation({
    summary: 'Replace the recovery codes (needs the current password); the old ones stop working',
  })
  @ApiOkResponse({ type: RecoveryCodesResponseDto })
  regenerateRecoveryCodes(@CurrentAuth() auth: AuthContext, @Body() dto: CurrentPasswordDto) {
    return this.twoFactor.regenerateRecoveryCodes(auth, dto.password);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Your live sessions; `current` marks this one' })
  @ApiOkResponse({ type: SessionListResponseDto })
  listSessions(@CurrentAuth() auth: AuthContext) {
    return this.auth.listSessions(auth);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @Roles(...EVERY_ROLE)
  @ApiOperation({ summary: 'End one of your sessions' })
  @ApiNoContentResponse()
  revokeSession(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.auth.revokeSession(auth, id);
  }
}
