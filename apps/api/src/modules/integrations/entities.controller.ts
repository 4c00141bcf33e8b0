import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { EntityResponseDto, ListEntitiesQueryDto, MapEntityDto } from './dto/entity.dto';
import { EntitiesService } from './entities.service';

@ApiTags('integrations')
@Controller('entities')
export class EntitiesController {
  constructor(private readonly entities: EntitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Records the integrations brought in, by integration and type' })
  @ApiOkResponse({ type: PagedResponseDto(EntityResponseDto) })
  list(@Query() query: ListEntitiesQueryDto) {
    return this.entities.list(query);
  }

  @Post(':id/map')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'This company is that organization; its invoices move with it' })
  @ApiOkResponse({ type: EntityResponseDto })
  map(@CurrentAuth() auth: AuthContext, @UuidParam() id: string, @Body() dto: MapEntityDto) {
    return this.entities.map(auth, id, dto.organizationId);
  }

  @Post(':id/unmap')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Unlink a company from its organization; the next sync makes it an organization of its own unless hidden',
  })
  @ApiOkResponse({ type: EntityResponseDto })
  unmap(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.entities.act(auth, id, 'unmap');
  }

  @Post(':id/hide')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep the record out of Settle (a company’s organization is hidden)' })
  @ApiOkResponse({ type: EntityResponseDto })
  hide(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.entities.act(auth, id, 'hide');
  }

  @Post(':id/unhide')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring a hidden record back into Settle' })
  @ApiOkResponse({ type: EntityResponseDto })
  unhide(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.entities.act(auth, id, 'unhide');
  }

  @Post(':id/resync')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read the record again from its source now' })
  @ApiOkResponse({ type: EntityResponseDto })
  resync(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.entities.resync(auth, id);
  }
}
