import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { ProblemDto } from '../../common/dto/list.dto';
import { PortalScope } from '../../common/portal-scope';
import {
  AutopayRuleListResponseDto,
  AutopayRuleResponseDto,
  AutopayRulesService,
  PortalCreateAutopayRuleDto,
  PortalUpdateAutopayRuleDto,
} from '../autopay';
import {
  CurrentScope,
  PortalOrganizationRoutes,
  RequirePortalPermission,
} from './portal.decorators';

const LOCKED = ApiConflictResponse({
  description: 'The rule is locked: only staff can change it',
  type: ProblemDto,
});

/**
 * The organization's AutoPay rules, through AutopayRulesService's scope-taking methods. Reading
 * needs manageAutopay or viewInvoices (a contact who sees the invoices may see how they will be
 * charged); changing needs manageAutopay, and never reaches a locked rule.
 */
@ApiTags('portal')
@PortalOrganizationRoutes()
@Controller('portal/organizations/:organizationId/autopay-rules')
export class PortalAutopayRulesController {
  constructor(private readonly rules: AutopayRulesService) {}

  @Get()
  @RequirePortalPermission('manageAutopay', 'viewInvoices')
  @ApiOperation({ summary: "The organization's AutoPay rules in the order they are tried" })
  @ApiOkResponse({ type: AutopayRuleListResponseDto })
  list(@CurrentScope() scope: PortalScope) {
    return this.rules.listForPortal(scope);
  }

  @Post()
  @RequirePortalPermission('manageAutopay')
  @ApiOperation({ summary: 'Add a rule, tried after the existing ones (never locked)' })
  @ApiCreatedResponse({ type: AutopayRuleResponseDto })
  create(@CurrentScope() scope: PortalScope, @Body() dto: PortalCreateAutopayRuleDto) {
    return this.rules.createForPortal(scope, dto);
  }

  @Patch(':ruleId')
  @RequirePortalPermission('manageAutopay')
  @LOCKED
  @ApiOperation({ summary: 'Change one of its unlocked rules; a new trigger replaces the old one' })
  @ApiOkResponse({ type: AutopayRuleResponseDto })
  update(
    @CurrentScope() scope: PortalScope,
    @UuidParam('ruleId') ruleId: string,
    @Body() dto: PortalUpdateAutopayRuleDto,
  ) {
    return this.rules.updateForPortal(scope, ruleId, dto);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  @RequirePortalPermission('manageAutopay')
  @LOCKED
  @ApiOperation({ summary: 'Delete one of its unlocked rules; the rules after it move up' })
  @ApiNoContentResponse()
  remove(@CurrentScope() scope: PortalScope, @UuidParam('ruleId') ruleId: string) {
    return this.rules.removeForPortal(scope, ruleId);
  }
}
