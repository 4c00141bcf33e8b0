import { Injectable } from '@nestjs/common';
import {
  AutopayExistingPayment,
  AutopayInvoiceInput,
  AutopayMethodInput,
  AutopayRuleInput,
} from '@settle/domain';
import { EntityManager } from 'typeorm';

import { InvoicesService } from '../invoices';
import { PaymentMethodsService } from '../payment-methods';
import { PaymentQueriesService } from '../payments';
import { AutopayRulesRepository } from './autopay-rules.repository';
import { toRuleInput } from './autopay-rules.service';

/** What libs/domain needs to judge one organization's open invoices. */
export interface OrganizationAutopayInputs {
  organizationId: string;
  rules: AutopayRuleInput[];
  methods: AutopayMethodInput[];
  /** By due date, then id. */
  invoices: AutopayInvoiceInput[];
  /** Each invoice's payments, by invoice id. */
  payments: Map<string, AutopayExistingPayment[]>;
}

/**
 * Reads the AutoPay inputs of a page of organizations in four queries (rules, methods, open
 * invoices, then those invoices' payments), whatever the page's size: the run and the forecast
 * cover every organization with rules, and a query per organization made 10,000 organizations
 * cost 40,000 round trips.
 */
@Injectable()
export class AutopayInputsReader {
  constructor(
    private readonly rules: AutopayRulesRepository,
    private readonly methods: PaymentMethodsService,
    private readonly invoices: InvoicesService,
    private readonly payments: PaymentQueriesService,
  ) {}

  /** In the order of `organizationIds`; read with the caller's manager. */
  async read(
    manager: EntityManager,
    organizationIds: string[],
    timeZone: string,
  ): Promise<OrganizationAutopayInputs[]> {
    if (organizationIds.length === 0) return [];
    const [rules, methods, invoices] = await Promise.all([
      this.rules.ofOrganizations(manager, organizationIds),
      this.methods.forAutopayOf(manager, organizationIds),
      this.invoices.openForAutopay(manager, organizationIds, timeZone),
    ]);
    const rulesByOrganization = new Map<string, AutopayRuleInput[]>(
      organizationIds.map((id) => [id, []]),
    );
    for (const rule of rules) rulesByOrganization.get(rule.organizationId)?.push(toRuleInput(rule));
    const payments = await this.payments.ofInvoicesForAutopay(
      manager,
      [...invoices.values()].flat().map((invoice) => invoice.id),
    );
    return organizationIds.map((organizationId) => ({
      invoices: invoices.get(organizationId) ?? [],
      methods: methods.get(organizationId) ?? [],
      organizationId,
      payments,
      rules: rulesByOrganization.get(organizationId) ?? [],
    }));
  }
}
