import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { AutopayRulesService } from './autopay-rules.service';
import {
  AutopayRuleListResponseDto,
  AutopayRuleResponseDto,
  CreateAutopayRuleDto,
  InvoiceAutopayResponseDto,
  OrderAutopayRulesDto,
  UpdateAutopayRuleDto,
} from './dto/autopay-rule.dto';

@ApiTags('autopay')
@Controller()
export class AutopayRulesController {
  constructor(private readonly rules: AutopayRulesService) {}

  @Get('organizations/:organizationId/autopay-rules')
  @ApiOperation({ summary: "An organization's AutoPay rules in the order they are tried" })
  @ApiOkResponse({ type: AutopayRuleListResponseDto })
  list(@UuidParam('organizationId') organizationId: string) {
    return this.rules.list(organizationId);
  }

  @Post('organizations/:organizationId/autopay-rules')
  @ApiOperation({ summary: 'Add a rule, tried after the existing ones' })
  @ApiCreatedResponse({ type: AutopayRuleResponseDto })
  create(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: CreateAutopayRuleDto,
  ) {
    return this.rules.create(auth, organizationId, dto);
  }

  @Put('organizations/:organizationId/autopay-rules/order')
  @ApiOperation({ summary: 'Set the order rules are tried in (first match wins)' })
  @ApiOkResponse({ type: AutopayRuleListResponseDto })
  reorder(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: OrderAutopayRulesDto,
  ) {
    return this.rules.reorder(auth, organizationId, dto);
  }

  @Get('autopay-rules/:id')
  @ApiOperation({ summary: 'One AutoPay rule, with whether it can run and why not' })
  @ApiOkResponse({ type: AutopayRuleResponseDto })
  get(@UuidParam() id: string) {
    return this.rules.get(id);
  }

  @Patch('autopay-rules/:id')
  @ApiOperation({ summary: 'Change a rule; a new trigger replaces the old one whole' })
  @ApiOkResponse({ type: AutopayRuleResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: UpdateAutopayRuleDto,
  ) {
    return this.rules.update(auth, id, dto);
  }

  @Delete('autopay-rules/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule; the rules after it move up' })
  @ApiNoContentResponse()
  remove(@CurrentAuth() auth: AuthContext, @UuidParam() id: string) {
    return this.rules.remove(auth, id);
  }

  @Get('invoices/:invoiceId/autopay')
  @ApiOperation({ summary: 'Why AutoPay will, or will not, charge this invoice, rule by rule' })
  @ApiOkResponse({ type: InvoiceAutopayResponseDto })
  explain(@UuidParam('invoiceId') invoiceId: string) {
    return this.rules.explain(invoiceId);
  }
}
