import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
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
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
}
