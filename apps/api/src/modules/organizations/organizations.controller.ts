import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { ExternalRefParams } from '../../common/decorators/external-ref.decorator';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { replyUpserted } from '../../common/upserted';
import {
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  OrganizationResponseDto,
  OrganizationSummaryDto,
  UpdateOrganizationDto,
  UpsertOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'List organizations with their open balance, past due and open invoice count',
  })
  @ApiOkResponse({ type: PagedResponseDto(OrganizationSummaryDto) })
  list(@Query() query: ListOrganizationsQueryDto) {
    return this.organizations.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create an organization' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateOrganizationDto) {
    return this.organizations.create(auth, dto);
  }

  @Put('external/:source/:externalId')
  @ExternalRefParams()
  @ApiOperation({
    summary:
      'Create or update the organization known by this id in an external system (201 created, 200 updated)',
  })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  async upsertExternal(
    @CurrentAuth() auth: AuthContext,
    @Param('source') source: string,
    @Param('externalId') externalId: string,
    @Body() dto: UpsertOrganizationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyUpserted(
      reply,
      await this.organizations.upsertExternal(auth, source, externalId, dto),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'An organization with its address, contacts count, last portal login and integration links',
  })
  @ApiOkResponse({ type: OrganizationResponseDto })
  get(@UuidParam() id: string) {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change an organization (name, address, phone, parent, status); 422 for a parent that is its descendant',
  })
  @ApiOkResponse({ type: OrganizationResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: UpdateOrganizationDto,
  ) {
    return this.organizations.update(auth, id, dto);
  }

  @Post(':id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide an organization (prospects, vendors, former clients)' })
  @ApiOkResponse({ type: OrganizationResponseDto })
  hide(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.organizations.update(auth, id, { status: 'hidden' });
  }
}
