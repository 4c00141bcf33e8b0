import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import {
  ApiIdempotencyKey,
  IdempotencyKeyHeader,
  replyStored,
} from '../../common/idempotency/idempotency.decorators';
import {
  CreatePaymentMethodDto,
  ListPaymentMethodsQueryDto,
  LockedPaymentMethodDto,
  PaymentMethodListResponseDto,
  PaymentMethodResponseDto,
  UnlockPaymentMethodDto,
  UpdatePaymentMethodDto,
} from './dto/payment-method.dto';
import { PaymentMethodsService } from './payment-methods.service';

@ApiTags('payment-methods')
@Controller()
export class PaymentMethodsController {
  constructor(private readonly methods: PaymentMethodsService) {}

  @Get('organizations/:organizationId/payment-methods')
  @ApiOperation({ summary: "An organization's stored cards and bank accounts, default first" })
  @ApiOkResponse({ type: PaymentMethodListResponseDto })
  list(@UuidParam('organizationId') organizationId: string) {
    return this.methods.list(organizationId);
  }

  @Post('organizations/:organizationId/payment-methods')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Store a method from a gateway token (never a card or account number)' })
  @ApiCreatedResponse({ type: PaymentMethodResponseDto })
  async create(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: CreatePaymentMethodDto,
    @IdempotencyKeyHeader() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replyStored(reply, await this.methods.create(auth, organizationId, dto, key));
  }

  @Get('organizations/:organizationId/payment-methods/:id')
  @ApiOperation({ summary: 'One stored method of the organization' })
  @ApiOkResponse({ type: PaymentMethodResponseDto })
  get(@UuidParam('organizationId') organizationId: string, @UuidParam() id: string) {
    return this.methods.get(organizationId, id);
  }

  @Patch('organizations/:organizationId/payment-methods/:id')
  @ApiOperation({ summary: 'Rename, or make it the default' })
  @ApiOkResponse({ type: PaymentMethodResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam() id: string,
    @Body() dto: UpdatePaymentMethodDto,
  ) {
    return this.methods.update(auth, organizationId, id, dto);
  }

  @Post('organizations/:organizationId/payment-methods/:id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a locked method be charged again; the reason is audited' })
  @ApiOkResponse({ type: PaymentMethodResponseDto })
  unlock(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam() id: string,
    @Body() dto: UnlockPaymentMethodDto,
  ) {
    return this.methods.unlock(auth, organizationId, id, dto);
  }

  @Delete('organizations/:organizationId/payment-methods/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a method that no scheduled or processing payment uses' })
  @ApiNoContentResponse()
  remove(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam() id: string,
  ) {
    return this.methods.remove(auth, organizationId, id);
  }

  @Get('payment-methods')
  @ApiOperation({
    summary: 'Methods across organizations, e.g. ?status=locked for the attention card',
  })
  @ApiOkResponse({ type: PagedResponseDto(LockedPaymentMethodDto) })
  listAll(@Query() query: ListPaymentMethodsQueryDto) {
    return this.methods.listAll(query);
  }
}
