import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AutopayMethodInput,
  autopayRuleProblems,
  AutopayRuleInput,
  CalendarDate,
  explainInvoiceAutopay,
  orderedRules,
  todayIn,
  triggerProblem,
} from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { PortalScope } from '../../common/portal-scope';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { PaymentMethodsService } from '../payment-methods';
import { PaymentQueriesService } from '../payments';
import { SettingsService } from '../settings';
import { AutopayRule } from './autopay-rule.entity';
import { AutopayRulesRepository } from './autopay-rules.repository';
import { AutopaySettingsService } from './autopay-settings.service';
import {
  AutopayRuleListResponseDto,
  AutopayRuleResponseDto,
  CreateAutopayRuleDto,
  InvoiceAutopayResponseDto,
  OrderAutopayRulesDto,
  PortalCreateAutopayRuleDto,
  PortalUpdateAutopayRuleDto,
  UpdateAutopayRuleDto,
} from './dto/autopay-rule.dto';

type RuleColumns = Omit<
  AutopayRule,
  'createdAt' | 'id' | 'organizationId' | 'position' | 'updatedAt'
>;

/**
 * Where a change to an existing rule comes from. A contact's reaches only the rules of its
 * scope's organization (any other id is a 404, as if it did not exist) and never a locked one.
 */
interface RuleAccess {
  organizationId: string;
  refuseLocked: true;
}

const LOCKED_RULE =
  'This AutoPay rule is locked by your service provider; ask their billing team to change it';

/** AutoPay rules of organizations, and why an invoice will or will not be charged. */
@Injectable()
export class AutopayRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: AutopayRulesRepository,
    private readonly organizations: OrganizationsService,
    private readonly methods: PaymentMethodsService,
    private readonly invoices: InvoicesService,
    private readonly payments: PaymentQueriesService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly autopaySettings: AutopaySettingsService,
  ) {}

  async list(organizationId: string): Promise<AutopayRuleListResponseDto> {
    const { today } = await this.settings.mspCalendar();
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    return { data: await this.judged(manager, organizationId, today) };
  }

  /** The scope's organization's rules; a contact may read them with viewInvoices too. */
  async listForPortal(scope: PortalScope): Promise<AutopayRuleListResponseDto> {
    scope.require('manageAutopay', 'viewInvoices');
    const { today } = await this.settings.mspCalendar();
    return { data: await this.judged(this.dataSource.manager, scope.organizationId, today) };
  }

  /**
   * A contact adds a rule for the scope's organization, audited as the contact. The portal
   * body has no `locked` (only staff lock rules) and no approval: a rule a contact makes
   * never waits for staff approval, as staff would have to lock one to require it.
   */
  createForPortal(
    scope: PortalScope,
    dto: PortalCreateAutopayRuleDto,
  ): Promise<AutopayRuleResponseDto> {
    scope.require('manageAutopay');
    return this.create(scope.actor, scope.organizationId, dto);
  }

  /** A contact changes one of its organization's unlocked rules (409 when locked). */
  updateForPortal(
    scope: PortalScope,
    id: string,
    dto: PortalUpdateAutopayRuleDto,
  ): Promise<AutopayRuleResponseDto> {
    scope.require('manageAutopay');
    return this.update(scope.actor, id, dto, {
      organizationId: scope.organizationId,
      refuseLocked: true,
    });
  }

  /** A contact deletes one of its organization's unlocked rules (409 when locked). */
  removeForPortal(scope: PortalScope, id: string): Promise<void> {
    scope.require('manageAutopay');
    return this.remove(scope.actor, id, {
      organizationId: scope.organizationId,
      refuseLocked: true,
    });
  }

  async get(id: string): Promise<AutopayRuleResponseDto> {
    const { today } = await this.settings.mspCalendar();
    const rule = await this.rules.find(this.dataSource.manager, id);
    if (!rule) throw AppException.notFound('AutoPay rule');
    return this.judgedOne(this.dataSource.manager, rule, today);
  }

  async create(
    actor: Actor,
    organizationId: string,
    dto: CreateAutopayRuleDto,
  ): Promise<AutopayRuleResponseDto> {
    // Read before the transaction: on a cold cache the settings need a connection of their own.
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      // Locked so that two rules created at once get different positions.
      await this.organizations.findOrFail(manager, organizationId, { lock: true });
      const columns = await this.checked(manager, organizationId, {
        approval: dto.approval ?? 'never',
        approvalThreshold: dto.approvalThreshold ?? null,
        enabled: dto.enabled ?? true,
        locked: dto.locked ?? false,
        maxAmount: dto.criteria?.maxAmount ?? null,
        paymentMethodId: dto.paymentMethodId ?? null,
        sources: dto.criteria?.sources ?? [],
        terms: dto.criteria?.terms ?? [],
        triggerDayOfMonth: dto.trigger.dayOfMonth ?? null,
        triggerDays: dto.trigger.days ?? null,
        triggerType: dto.trigger.type,
      });
      const rule = await this.rules.save(manager, {
        ...columns,
        organizationId,
        position: await this.rules.nextPosition(manager, organizationId),
      });
      const response = await this.judgedOne(manager, rule, today);
      await this.audit.record(manager, actor, {
        action: 'autopay_rule.created',
        after: response,
        entityId: rule.id,
        entityLabel: `AutoPay rule ${rule.position}`,
        entityType: 'autopay_rule',
        organizationId,
      });
      return response;
    });
  }

  async update(
    actor: Actor,
    id: string,
    dto: UpdateAutopayRuleDto,
    access?: RuleAccess,
  ): Promise<AutopayRuleResponseDto> {
    // Read before the transaction: on a cold cache the settings need a connection of their own.
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      const rule = await this.lockedForChange(manager, id, access);
      const before = await this.judgedOne(manager, rule, today);
      const trigger = dto.trigger;
      const columns = await this.checked(manager, rule.organizationId, {
        approval: dto.approval ?? rule.approval,
        approvalThreshold:
          dto.approvalThreshold !== undefined ? dto.approvalThreshold : rule.approvalThreshold,
        enabled: dto.enabled ?? rule.enabled,
        locked: dto.locked ?? rule.locked,
        maxAmount: dto.criteria?.maxAmount !== undefined ? dto.criteria.maxAmount : rule.maxAmount,
        paymentMethodId:
          dto.paymentMethodId !== undefined ? dto.paymentMethodId : rule.paymentMethodId,
        sources: dto.criteria?.sources ?? rule.sources,
        terms: dto.criteria?.terms ?? rule.terms,
        // A new trigger replaces the old one whole: days left over from another type would lie.
        triggerDayOfMonth: trigger ? (trigger.dayOfMonth ?? null) : rule.triggerDayOfMonth,
        triggerDays: trigger ? (trigger.days ?? null) : rule.triggerDays,
        triggerType: trigger ? trigger.type : rule.triggerType,
      });
      const saved = await this.rules.save(manager, { ...rule, ...columns });
      const response = await this.judgedOne(manager, saved, today);
      await this.audit.record(manager, actor, {
        action: 'autopay_rule.updated',
        after: response,
        before,
        entityId: id,
        entityLabel: `AutoPay rule ${saved.position}`,
        entityType: 'autopay_rule',
        organizationId: saved.organizationId,
      });
      return response;
    });
  }

  async remove(actor: Actor, id: string, access?: RuleAccess): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction(async (manager) => {
      const rule = await this.lockedForChange(manager, id, access);
      const before = await this.judgedOne(manager, rule, today);
      await this.rules.delete(manager, id);
      // The rules after it move up, so positions stay 1..n as staff see them.
      const rest = orderedRules(await this.rules.ofOrganization(manager, rule.organizationId));
      await this.rules.setOrder(
        manager,
        rule.organizationId,
        rest.map((r) => r.id),
      );
      await this.audit.record(manager, actor, {
        action: 'autopay_rule.deleted',
        before,
        entityId: id,
        entityLabel: `AutoPay rule ${rule.position}`,
        entityType: 'autopay_rule',
        organizationId: rule.organizationId,
      });
    });
  }

  async reorder(
    actor: Actor,
    organizationId: string,
    dto: OrderAutopayRulesDto,
  ): Promise<AutopayRuleListResponseDto> {
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      await this.organizations.findOrFail(manager, organizationId, { lock: true });
      const current = await this.rules.ofOrganization(manager, organizationId);
      const known = new Set(current.map((r) => r.id));
      const named = new Set(dto.ruleIds);
      if (
        named.size !== dto.ruleIds.length ||
        named.size !== known.size ||
        dto.ruleIds.some((id) => !known.has(id))
      )
        throw AppException.invalidField(
          'ruleIds',
          "must name each of the organization's rules exactly once",
        );
      const before = orderedRules(current).map((r) => r.id);
      await this.rules.setOrder(manager, organizationId, dto.ruleIds);
      await this.audit.record(manager, actor, {
        action: 'autopay_rules.reordered',
        after: { ruleIds: dto.ruleIds },
        before: { ruleIds: before },
        entityId: organizationId,
        entityType: 'organization',
        organizationId,
      });
      return { data: await this.judged(manager, organizationId, today) };
    });
  }

  /** Why the invoice will, or will not, be charged by AutoPay, as of the MSP's today. */
  async explain(invoiceId: string): Promise<InvoiceAutopayResponseDto> {
    const manager = this.dataSource.manager;
    const invoice = await this.invoices.get(invoiceId);
    const [{ timeZone, today }, rules, methods, payments, retryOffsets] = await Promise.all([
      this.settings.mspCalendar(),
      this.rules.ofOrganization(manager, invoice.organizationId),
      this.methods.forAutopay(manager, invoice.organizationId),
      this.payments.ofInvoicesForAutopay(manager, [invoiceId]),
      this.autopaySettings.retryOffsets(manager),
    ]);
    const explanation = explainInvoiceAutopay(
      {
        currency: invoice.currency,
        dueDate: invoice.dueDate as CalendarDate,
        id: invoice.id,
        issueDate: invoice.issueDate as CalendarDate,
        knownSince: todayIn(timeZone, new Date(invoice.createdAt)),
        number: invoice.number,
        openBalance: invoice.openBalance,
        source: invoice.source,
        status: invoice.status,
        terms: invoice.terms,
      },
      rules.map(toRuleInput),
      methods,
      payments.get(invoiceId) ?? [],
      today,
      retryOffsets,
    );
    return {
      amount: explanation.amount,
      currency: invoice.currency,
      date: explanation.date,
      invoiceId,
      needsApproval: explanation.needsApproval,
      paymentMethodId: explanation.paymentMethodId,
      reasons: explanation.reasons,
      ruleId: explanation.ruleId,
      willCharge: explanation.willCharge,
    };
  }

  /**
   * The rule to change, read again once its organization is locked (so that concurrent changes
   * and the positions they touch are serialized). Through `access`, a rule of another
   * organization is a 404 before anything is locked, and a locked rule a 409.
   */
  private async lockedForChange(
    manager: EntityManager,
    id: string,
    access: RuleAccess | undefined,
  ): Promise<AutopayRule> {
    const found = await this.rules.find(manager, id);
    if (!found || (access && found.organizationId !== access.organizationId))
      throw AppException.notFound('AutoPay rule');
    await this.organizations.findOrFail(manager, found.organizationId, { lock: true });
    const rule = await this.rules.find(manager, id);
    if (!rule) throw AppException.notFound('AutoPay rule');
    if (access?.refuseLocked && rule.locked) throw AppException.conflict(LOCKED_RULE);
    return rule;
  }

  /**
   * Refuses what can never work (a trigger out of range, "above" with no threshold, a method of
   * another organization) with a 400 naming the field. A method that later stops working
   * (removed, locked, expired) is not refused: the rule is kept and shown as invalid.
   */
  private async checked(
    manager: EntityManager,
    organizationId: string,
    columns: RuleColumns,
  ): Promise<RuleColumns> {
    const trigger = triggerProblem({
      dayOfMonth: columns.triggerDayOfMonth,
      days: columns.triggerDays,
      type: columns.triggerType,
    });
    if (trigger)
      throw AppException.invalidField(
        trigger.startsWith('dayOfMonth') ? 'trigger.dayOfMonth' : 'trigger.days',
        trigger.replace(/^(dayOfMonth|days) /, ''),
      );
    if (columns.approval === 'above' && columns.approvalThreshold === null)
      throw AppException.invalidField('approvalThreshold', 'is required when approval is "above"');
    if (columns.approval !== 'above') columns.approvalThreshold = null;
    if (columns.triggerType === 'day_of_month') columns.triggerDays = null;
    else columns.triggerDayOfMonth = null;
    if (columns.paymentMethodId !== null) {
      const methods = await this.methods.forAutopay(manager, organizationId);
      if (!methods.some((m) => m.id === columns.paymentMethodId))
        throw AppException.invalidField(
          'paymentMethodId',
          'is not a payment method of this organization',
        );
    }
    return columns;
  }

  private async judged(
    manager: EntityManager,
    organizationId: string,
    today: CalendarDate,
  ): Promise<AutopayRuleResponseDto[]> {
    const rules = await this.rules.ofOrganization(manager, organizationId);
    const methods = await this.methods.forAutopay(manager, organizationId);
    return orderedRules(rules).map((rule) => toResponse(rule, methods, today));
  }

  private async judgedOne(
    manager: EntityManager,
    rule: AutopayRule,
    today: CalendarDate,
  ): Promise<AutopayRuleResponseDto> {
    const methods = await this.methods.forAutopay(manager, rule.organizationId);
    return toResponse(rule, methods, today);
  }
}

export function toRuleInput(rule: AutopayRule): AutopayRuleInput {
  return {
    approval: rule.approval,
    approvalThreshold: rule.approvalThreshold,
    criteria: { maxAmount: rule.maxAmount, sources: rule.sources, terms: rule.terms },
    enabled: rule.enabled,
    id: rule.id,
    paymentMethodId: rule.paymentMethodId,
    position: rule.position,
    trigger: { dayOfMonth: rule.triggerDayOfMonth, days: rule.triggerDays, type: rule.triggerType },
  };
}

function toResponse(
  rule: AutopayRule,
  methods: AutopayMethodInput[],
  today: CalendarDate,
): AutopayRuleResponseDto {
  const problems = autopayRuleProblems(toRuleInput(rule), methods, today);
  return {
    approval: rule.approval,
    approvalThreshold: rule.approvalThreshold,
    createdAt: rule.createdAt.toISOString(),
    criteria: { maxAmount: rule.maxAmount, sources: rule.sources, terms: rule.terms },
    enabled: rule.enabled,
    id: rule.id,
    locked: rule.locked,
    organizationId: rule.organizationId,
    paymentMethodId: rule.paymentMethodId,
    position: rule.position,
    problems,
    trigger: { dayOfMonth: rule.triggerDayOfMonth, days: rule.triggerDays, type: rule.triggerType },
    updatedAt: rule.updatedAt.toISOString(),
    valid: problems.length === 0,
  };
}
