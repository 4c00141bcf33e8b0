import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { AccessProfilesService } from './access-profiles.service';
import {
  AccessProfileListResponseDto,
  AccessProfileResponseDto,
  CreateAccessProfileDto,
  UpdateAccessProfileDto,
} from './dto/access-profile.dto';

@ApiTags('access-profiles')
@Controller('access-profiles')
export class AccessProfilesController {
  constructor(private readonly profiles: AccessProfilesService) {}

  @Get()
  @ApiOperation({ summary: 'Access profiles: what a contact may do in the portal' })
  @ApiOkResponse({ type: AccessProfileListResponseDto })
  list() {
    return this.profiles.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an access profile' })
  @ApiCreatedResponse({ type: AccessProfileResponseDto })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateAccessProfileDto) {
    return this.profiles.create(auth, dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename an access profile or change its permissions (applies at once)' })
  @ApiOkResponse({ type: AccessProfileResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: UpdateAccessProfileDto,
  ) {
    return this.profiles.update(auth, id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an unused, non-built-in access profile' })
  @ApiNoContentResponse()
  remove(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.profiles.remove(auth, id);
  }
}
