import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { RawBodyRequest } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { Public } from '../../common/decorators/auth.decorators';
import { StripeWebhooksService } from './stripe-webhooks.service';

@Controller('webhooks')
export class StripeWebhooksController {
  constructor(private readonly webhooks: StripeWebhooksService) {}

  /** Stripe signs each delivery; an unsigned, mis-signed or stale one is a 400. */
  @Post('stripe')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  receive(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ) {
    return this.webhooks.receive(request.rawBody, signature);
  }
}
