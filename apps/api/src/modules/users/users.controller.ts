import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import {
  CreateUserDto,
  ListUsersQueryDto,
  ResetPasswordDto,
  UpdateUserDto,
  UserResponseDto,
} from './dto/user.dto';
import { SessionListResponseDto } from './dto/session.dto';
import { TwoFactorService } from './two-factor.service';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List staff users' })
  @ApiOkResponse({ type: PagedResponseDto(UserResponseDto) })
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a staff user' })
  @ApiOkResponse({ type: UserResponseDto })
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff user' })
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateUserDto) {
    return this.users.create(auth, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change the role of, disable or enable a staff user' })
  @ApiOkResponse({ type: UserResponseDto })
  update(@CurrentAuth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(auth, id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: "Set a staff user's password (ends their sessions)" })
  @ApiNoContentResponse()
  resetPassword(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: ResetPasswordDto,
  ) {
    return this.users.resetPassword(auth, id, dto);
  }

  @Get(':id/sessions')
  @ApiOperation({ summary: "A staff user's live sessions" })
  @ApiOkResponse({ type: SessionListResponseDto })
  listSessions(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.users.listSessions(id, auth.sessionId);
  }

  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: "End one of a staff user's sessions" })
  @ApiNoContentResponse()
  revokeSession(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @UuidParam('sessionId') sessionId: string,
  ) {
    return this.users.revokeSession(auth, id, sessionId);
  }

  @Post(':id/two-factor/reset')
  @HttpCode(204)
  @ApiOperation({
    summary: "Turn a staff user's two-factor sign-in off (lost device); ends their sessions",
  })
  @ApiNoContentResponse()
  resetTwoFactor(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.twoFactor.reset(auth, id);
  }
}
