import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuthContext, SYSTEM_ACTOR } from '../../common/auth-context';
import { AccessProfile } from '../contacts/access-profile.entity';
import { ContactsService } from '../contacts/contacts.service';
import { BulkInvoiceDto } from '../invoices/dto/invoice.dto';
import { InvoicesService } from '../invoices/invoices.service';
import { NotesService } from '../organizations/notes.service';
import { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { SettingsService } from '../settings/settings.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { DEMO_ORGANIZATIONS } from './demo-ar';

export const DEMO_PASSWORD = 'settle-demo';
export const DEMO_USERS = [
  { email: 'admin@settle.test', name: 'Avery Admin', role: 'admin' as const },
  { email: 'billing@settle.test', name: 'Blake Billing', role: 'billing' as const },
  { email: 'viewer@settle.test', name: 'Vic Viewer', role: 'viewer' as const },
];

/** Fills an empty database with the demo MSP so that `npm start` has something to show. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly invoices: InvoicesService,
    private readonly notes: NotesService,
  ) {}

  async loadIfEmpty(): Promise<boolean> {
    if ((await this.dataSource.getRepository(User).count()) > 0) return false;
    for (const user of DEMO_USERS) {
      await this.users.createIfMissing(SYSTEM_ACTOR, { ...user, password: DEMO_PASSWORD });
    }
    const general = await this.settings.getGeneral();
    await this.settings.updateGeneral(SYSTEM_ACTOR, { ...general, mspName: 'Demo MSP' });
    if ((await this.dataSource.getRepository(Organization).count()) === 0)
      await this.loadReceivables();
    this.logger.log('Loaded demo data (sign in as admin@settle.test / settle-demo)');
    return true;
  }

  private async loadReceivables(): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    const profiles = await this.dataSource.getRepository(AccessProfile).find();
    const profileId = (name: string | null) =>
      name ? (profiles.find((p) => p.name === name)?.id ?? null) : null;
    const admin = await this.dataSource
      .getRepository(User)
      .findOneByOrFail({ email: DEMO_USERS[0].email });
    const author: AuthContext = {
      id: admin.id,
      kind: 'user',
      label: admin.email,
      name: admin.name,
      requestId: null,
      role: 'admin',
      sessionId: null,
    };
    const invoices: BulkInvoiceDto[] = [];

    for (const demo of DEMO_ORGANIZATIONS) {
      const { body: organization } = await this.organizations.upsertExternal(
        SYSTEM_ACTOR,
        'connectwise',
        demo.psaId,
        {
          address: {
            city: demo.city,
            country: 'US',
            line1: `${100 + Number(demo.psaId.slice(-1))} Main St`,
            postalCode: '50309',
            region: demo.region,
          },
          name: demo.name,
          phone: `+1 515 555 01${demo.psaId.slice(-2)}`,
        },
      );
      await this.dataSource.query(
        `INSERT INTO organization_links (organization_id, source, kind, external_id)
         SELECT $1, source, CASE source WHEN 'quickbooks' THEN 'accounting' ELSE 'gateway' END, $2 || '-' || source
           FROM unnest($3::text[]) AS source`,
        [organization.id, demo.psaId, demo.links],
      );
      for (const contact of demo.contacts) {
        await this.contacts.create(SYSTEM_ACTOR, organization.id, {
          accessProfileId: profileId(contact.profile),
          email: contact.email,
          firstName: contact.firstName,
          isDefaultNotification: contact.notify ?? false,
          lastName: contact.lastName,
        });
      }
      await this.addDemoPaymentMethods(organization.id);
      const common = {
        currency: 'USD',
        organizationId: organization.id,
        source: 'quickbooks',
        terms: 'Net 30',
      };
      demo.invoices.forEach((invoice) => {
        const dueDate = shiftDays(today, -invoice.daysPastDue);
        invoices.push({
          ...common,
          dueDate,
          externalId: `qb-${invoice.number}`,
          issueDate: shiftDays(dueDate, -30),
          number: invoice.number,
          poNumber: invoice.poNumber ?? null,
          sourceBalance: invoice.sourceBalance,
          total: invoice.total,
        });
      });
      for (let i = 1; i <= demo.paidInvoices; i++) {
        const dueDate = shiftDays(today, -30 * i - 60);
        const number = `INV-${demo.psaId.slice(-1)}${String(i).padStart(2, '0')}P`;
        invoices.push({
          ...common,
          dueDate,
          externalId: `qb-${number}`,
          issueDate: shiftDays(dueDate, -30),
          number,
          sourceBalance: 0,
          total: 45000 + 2500 * i,
        });
      }
    }
    await this.invoices.bulk(SYSTEM_ACTOR, { invoices });

    const demoCompany = await this.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ name: 'Demo Company' });
    const iowa = await this.dataSource
      .getRepository(Organization)
      .findOneByOrFail({ name: 'Iowa Sports Central' });
    await this.dataSource.query(
      `INSERT INTO credits (organization_id, kind, number, issue_date, currency, amount, remaining, source, external_id)
       VALUES ($1, 'credit_memo', 'CM-2001', $3::date, 'USD', 15000, 15000, 'quickbooks', 'qb-CM-2001'),
              ($2, 'unapplied_payment', 'PMT-5521', $3::date, 'USD', 7500, 7500, 'quickbooks', 'qb-PMT-5521')`,
      [demoCompany.id, iowa.id, shiftDays(today, -20)],
    );
    await this.notes.create(author, demoCompany.id, {
      body: 'Only send the account summary to ap@testcompany.com.',
    });
    await this.notes.create(author, iowa.id, {
      body: 'Until October, our contact is Bob from accounting.',
    });
  }

  /** A sandbox card (the default) and a bank account, so the demo can take payments at once. */
  private async addDemoPaymentMethods(organizationId: string): Promise<void> {
    const expYear = new Date().getUTCFullYear() + 3;
    await this.dataSource.getRepository(PaymentMethod).insert([
      {
        brand: 'visa',
        expMonth: 12,
        expYear,
        friendlyName: 'Company Visa',
        gateway: 'sandbox',
        gatewayRef: 'pm_card_visa',
        isDefault: true,
        last4: '4242',
        organizationId,
        type: 'card',
      },
      {
        brand: 'STRIPE TEST BANK',
        friendlyName: 'Operating account',
        gateway: 'sandbox',
        gatewayRef: 'pm_usBankAccount_success',
        last4: '6789',
        organizationId,
        type: 'us_bank_account',
      },
    ]);
  }
}

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
