import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import {
  CreatedWebhookEndpointResponseDto,
  CreateWebhookEndpointDto,
  ListWebhookDeliveriesQueryDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDetailDto,
  WebhookDeliveryResponseDto,
  WebhookEndpointResponseDto,
  WebhookSecretResponseDto,
} from './dto/webhook-endpoint.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Outbound webhooks: administrators only, since an endpoint receives every customer's payments. */
@ApiTags('webhooks')
@Roles('admin')
@Controller('webhook-endpoints')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @ApiOperation({ summary: 'Webhook endpoints, with their health and deliveries waiting' })
  @ApiOkResponse({ type: [WebhookEndpointResponseDto] })
  list() {
    return this.endpoints.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add an endpoint; its signing secret is in this answer only' })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointResponseDto })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateWebhookEndpointDto) {
    return this.endpoints.create(auth, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  get(@UuidParam() id: string) {
    return this.endpoints.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, events or description; pause, resume or re-enable' })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ) {
    return this.endpoints.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its delivery log' })
  @ApiNoContentResponse()
  async remove(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    await this.endpoints.remove(auth, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new signing secret (in this answer only); the old one stops at once',
  })
  @ApiOkResponse({ type: WebhookSecretResponseDto })
  rotateSecret(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.endpoints.rotateSecret(auth, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The endpoint's deliveries, newest first" })
  @ApiOkResponse({ type: PagedResponseDto(WebhookDeliveryResponseDto) })
  deliveries(@UuidParam() id: string, @Query() query: ListWebhookDeliveriesQueryDto) {
    return this.endpoints.deliveries(id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiOperation({ summary: 'One delivery: the body sent and every attempt with its answer' })
  @ApiOkResponse({ type: WebhookDeliveryDetailDto })
  delivery(@UuidParam() id: string, @UuidParam('deliveryId') deliveryId: string) {
    return this.endpoints.delivery(id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (same event id), with a fresh retry window' })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponseDto })
  redeliver(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ) {
    return this.endpoints.redeliver(auth, id, deliveryId);
  }
}
