import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { ProblemDto } from '../../common/dto/list.dto';
import {
  ApiIdempotencyKey,
  replyStored,
  RequiredIdempotencyKeyHeader,
} from '../../common/idempotency/idempotency.decorators';
import { PortalScope } from '../../common/portal-scope';
import {
  PaymentMethodsService,
  PortalCreatePaymentMethodDto,
  PortalPaymentMethodDto,
  PortalPaymentMethodListResponseDto,
  PortalSetupIntentDto,
  UpdatePaymentMethodDto,
} from '../payment-methods';
import {
  CurrentScope,
  PortalOrganizationRoutes,
  RequirePortalPermission,
} from './portal.decorators';

@ApiTags('portal')
@PortalOrganizationRoutes()
@Controller('portal/organizations/:organizationId/payment-methods')
export class PortalPaymentMethodsController {
  constructor(private readonly methods: PaymentMethodsService) {}

  @Get()
  @RequirePortalPermission('pay', 'manageMethods')
  @ApiOperation({ summary: "The organization's payment methods (to pay with, or to manage)" })
  @ApiOkResponse({ type: PortalPaymentMethodListResponseDto })
  list(@CurrentScope() scope: PortalScope) {
    return this.methods.listForPortal(scope);
  }

  @Post()
  @RequirePortalPermission('manageMethods')
  @ApiIdempotencyKey({ required: true })
  @ApiOperation({
    summary:
      'Store a method from a gateway token (never a card or account number); Idempotency-Key required',
  })
  @ApiCreatedResponse({ type: PortalPaymentMethodDto })
  async create(
    @CurrentScope() scope: PortalScope,
    @Body() dto: PortalCreatePaymentMethodDto,
    @RequiredIdempotencyKeyHeader() key: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.methods.createForPortal(scope, dto, key));
  }

  @Post('setup-intents')
  @RequirePortalPermission('manageMethods')
  @ApiOperation({
    summary:
      "Start adding a card in the Stripe gateway's hosted fields: a SetupIntent for Stripe.js to confirm, then POST …/payment-methods with its id and the PaymentMethod it saved",
  })
  @ApiCreatedResponse({ type: PortalSetupIntentDto })
  @ApiConflictResponse({
    description:
      'The gateway has no hosted card fields (the sandbox: add one of its test methods instead), or Stripe has no publishable key',
    type: ProblemDto,
  })
  createSetupIntent(@CurrentScope() scope: PortalScope) {
    return this.methods.startSetupForPortal(scope);
  }

  @Patch(':paymentMethodId')
  @RequirePortalPermission('manageMethods')
  @ApiOperation({ summary: 'Rename one of its methods, or make it the default' })
  @ApiOkResponse({ type: PortalPaymentMethodDto })
  update(
    @CurrentScope() scope: PortalScope,
    @UuidParam('paymentMethodId') paymentMethodId: string,
    @Body() dto: UpdatePaymentMethodDto,
  ) {
    return this.methods.updateForPortal(scope, paymentMethodId, dto);
  }

  @Delete(':paymentMethodId')
  @HttpCode(204)
  @RequirePortalPermission('manageMethods')
  @ApiOperation({
    summary: 'Remove one of its methods that no scheduled or processing payment uses (else 409)',
  })
  @ApiNoContentResponse()
  remove(
    @CurrentScope() scope: PortalScope,
    @UuidParam('paymentMethodId') paymentMethodId: string,
  ) {
    return this.methods.removeForPortal(scope, paymentMethodId);
  }
}
