import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { daysBetween, explainInvoiceAutopay } from '@settle/domain';
import { DataSource } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { OrganizationsService } from '../organizations';
import { SettingsService } from '../settings';
import { AutopayInputsReader } from './autopay-inputs.reader';
import { AutopaySettingsService } from './autopay-settings.service';
import { AutopayRulesRepository } from './autopay-rules.repository';
import {
  AutopayForecastChargeDto,
  AutopayForecastQueryDto,
  AutopayForecastResponseDto,
} from './dto/autopay-forecast.dto';

/** The longest range one forecast covers: a quarter. */
const MAX_FORECAST_DAYS = 92;
const ORGANIZATION_PAGE = 500;

/**
 * What AutoPay would charge on each date of a range, judged today by the same rules the run
 * uses: after scheduled and pending payments (the overpayment guard) and without what a run
 * already made. Dates before today are not forecast: runs have decided them.
 */
@Injectable()
export class AutopayForecastService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: AutopayRulesRepository,
    private readonly organizations: OrganizationsService,
    private readonly inputs: AutopayInputsReader,
    private readonly settings: SettingsService,
    private readonly autopaySettings: AutopaySettingsService,
  ) {}

  async forecast(query: AutopayForecastQueryDto): Promise<AutopayForecastResponseDto> {
    if (query.to < query.from) throw AppException.invalidField('to', 'must not be before from');
    if (daysBetween(query.from, query.to) >= MAX_FORECAST_DAYS)
      throw AppException.invalidField('to', `must be within ${MAX_FORECAST_DAYS} days of from`);
    const manager = this.dataSource.manager;
    const { timeZone, today } = await this.settings.mspCalendar();
    const organizationIds: string[] = [];
    if (query.organizationId) {
      await this.organizations.findOrFail(manager, query.organizationId);
      organizationIds.push(query.organizationId);
    } else {
      for (let after: string | null = null; ;) {
        const page = await this.rules.organizationsWithRules(manager, after, ORGANIZATION_PAGE);
        if (page.length === 0) break;
        organizationIds.push(...page);
        after = page[page.length - 1];
      }
    }
    const names = await this.organizations.names(manager, organizationIds);
    const retryOffsets = await this.autopaySettings.retryOffsets(manager);
    const byDate = new Map<string, AutopayForecastChargeDto[]>();
    for (let i = 0; i < organizationIds.length; i += ORGANIZATION_PAGE) {
      const page = organizationIds.slice(i, i + ORGANIZATION_PAGE);
      for (const { invoices, methods, organizationId, payments, rules } of await this.inputs.read(
        manager,
        page,
        timeZone,
      )) {
        if (!rules.some((r) => r.enabled)) continue;
        for (const invoice of invoices) {
          const verdict = explainInvoiceAutopay(
            invoice,
            rules,
            methods,
            payments.get(invoice.id) ?? [],
            today,
            retryOffsets,
          );
          const date = verdict.date;
          if (!verdict.willCharge || !date || date < query.from || date > query.to) continue;
          const charges = byDate.get(date) ?? [];
          charges.push({
            amount: verdict.amount,
            currency: invoice.currency,
            invoiceId: invoice.id,
            invoiceNumber: invoice.number ?? '',
            needsApproval: verdict.needsApproval,
            organizationId,
            organizationName: names.get(organizationId) ?? '',
            paymentMethodId: verdict.paymentMethodId!,
            ruleId: verdict.ruleId!,
          });
          byDate.set(date, charges);
        }
      }
    }
    return {
      days: [...byDate.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, charges]) => ({ charges, date })),
    };
  }
}
