import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import {
  Client,
  ClientInfo,
  CurrentAuth,
  Public,
  Roles,
} from '../../common/decorators/auth.decorators';
import { UserResponseDto } from '../users';
import { AuthService } from './auth.service';
import { LoginDto, MeResponseDto } from './dto/auth.dto';
import { SessionCookies } from './session-cookies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the settle_session and settle_csrf cookies' })
  @ApiOkResponse({ type: UserResponseDto })
  async login(
    @Body() dto: LoginDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.cookies.issue(reply, await this.auth.login(dto, client));
  }

  @Post('logout')
  @HttpCode(204)
  @Roles('admin', 'billing', 'viewer')
  @ApiOperation({ summary: 'End the current session' })
  @ApiNoContentResponse()
  async logout(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(auth);
    this.cookies.clear(reply);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the credentials belong to' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentAuth() auth: AuthContext) {
    return this.auth.me(auth);
  }
}
