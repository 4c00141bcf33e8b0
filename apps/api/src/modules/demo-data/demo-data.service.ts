import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuthContext, SYSTEM_ACTOR } from '../../common/auth-context';
import { AppConfig } from '../../config/app-config';
import { AccessProfilesService, ContactAccessService, ContactsService } from '../contacts';
import {
  connectWiseSettings,
  IntegrationsService,
  QuickBooksAuthorization,
  SyncRunsService,
} from '../integrations';
import { BulkInvoiceDto, InvoicesService } from '../invoices';
import { NotesService, OrganizationsService } from '../organizations';
import { PaymentMethodsService } from '../payment-methods';
import { SettingsService } from '../settings';
import { hashPassword, UsersService } from '../users';
import { DEMO_ORGANIZATIONS } from './demo-ar';

export const DEMO_PASSWORD = 'settle-demo';
const DEMO_QUICKBOOKS_NAME = 'QuickBooks (demo)';
/** A customer contact who can sign in to the portal at once (its organization owes money). */
export const DEMO_PORTAL_EMAIL = 'demo@example.com';
export const DEMO_USERS = [
  { email: 'admin@settle.test', name: 'Avery Admin', role: 'admin' as const },
  { email: 'billing@settle.test', name: 'Blake Billing', role: 'billing' as const },
  { email: 'viewer@settle.test', name: 'Vic Viewer', role: 'viewer' as const },
];

/**
 * Fills an empty database with the demo MSP so that `npm start` has something to show. Everything
 * goes through the owning modules' services, as an integrator's data would.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly contactAccess: ContactAccessService,
    private readonly accessProfiles: AccessProfilesService,
    private readonly invoices: InvoicesService,
    private readonly methods: PaymentMethodsService,
    private readonly notes: NotesService,
    private readonly integrations: IntegrationsService,
    private readonly syncRuns: SyncRunsService,
    private readonly quickbooks: QuickBooksAuthorization,
    private readonly config: AppConfig,
  ) {}

  async loadIfEmpty(): Promise<boolean> {
    if (await this.users.hasAnyUser()) return false;
    for (const user of DEMO_USERS)
      await this.users.createIfMissing(SYSTEM_ACTOR, { ...user, password: DEMO_PASSWORD });
    const general = await this.settings.getGeneral();
    await this.settings.updateGeneral(SYSTEM_ACTOR, { ...general, mspName: 'Demo MSP' });
    if (!(await this.organizations.hasAny())) await this.loadReceivables();
    this.logger.log('Loaded demo data (sign in as admin@settle.test / settle-demo)');
    return true;
  }

  /**
   * Connects the demo MSP to the fake ConnectWise `npm start` runs beside it (SETTLE_DEMO_CONNECTWISE),
   * through the integrations service like staff would, and syncs it at once. Only a freshly loaded
   * demo gets the integration (one deleted by hand stays deleted); the fake listens on a new port
   * each start, so an existing demo integration is pointed at it again.
   */
  async connectDemoConnectWise(freshDemo: boolean): Promise<void> {
    const fake = this.config.env.SETTLE_DEMO_CONNECTWISE;
    if (!fake) return;
    const existing = (await this.integrations.all()).find(
      (i) => i.kind === 'connectwise' && connectWiseSettings(i).companyId === fake.companyId,
    );
    let integrationId: string;
    if (existing) {
      if (connectWiseSettings(existing).site === fake.site) return;
      integrationId = existing.id;
      await this.integrations.update(SYSTEM_ACTOR, existing.id, {
        settings: { ...connectWiseSettings(existing), site: fake.site },
      });
    } else {
      if (!freshDemo) return;
      const created = await this.integrations.create(SYSTEM_ACTOR, {
        credentials: { privateKey: fake.privateKey },
        kind: 'connectwise',
        name: 'ConnectWise (demo)',
        schedule: 'hourly',
        settings: {
          clientId: fake.clientId,
          companyId: fake.companyId,
          hiddenCompanyStatuses: ['Inactive'],
          hiddenCompanyTypes: ['Vendor'],
          publicKey: fake.publicKey,
          site: fake.site,
        },
      });
      integrationId = created.id;
    }
    await this.syncRuns.start(SYSTEM_ACTOR, integrationId, {});
    this.logger.log({ site: fake.site }, 'Demo ConnectWise connected; syncing');
  }

  /**
   * Connects the demo MSP to the fake QuickBooks `npm start` runs beside it (SETTLE_DEMO_QUICKBOOKS,
   * QBO_* pointing at it) through its OAuth, as an admin's browser would: authorize, the fake's
   * consent (no one to ask), the callback, which stores the tokens and starts a sync. A freshly
   * loaded demo gets the integration; the fake forgets its tokens when it stops, so every start
   * signs the existing one in again (one deleted by hand stays deleted).
   */
  async connectDemoQuickBooks(freshDemo: boolean): Promise<void> {
    if (!this.config.env.SETTLE_DEMO_QUICKBOOKS) return;
    let integration = (await this.integrations.all()).find(
      (i) => i.kind === 'quickbooks' && i.name === DEMO_QUICKBOOKS_NAME,
    );
    if (!integration) {
      if (!freshDemo) return;
      const created = await this.integrations.create(SYSTEM_ACTOR, {
        kind: 'quickbooks',
        name: DEMO_QUICKBOOKS_NAME,
        schedule: 'hourly',
        settings: { hiddenCompanyStatuses: ['Inactive'] },
      });
      integration = await this.integrations.findOrFail(this.dataSource.manager, created.id);
    }
    const { url } = await this.quickbooks.authorize(integration.id);
    const consent = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    const back = new URL(consent.headers.get('location') ?? '', this.config.qboRedirectUri);
    const landed = await this.quickbooks.callback(
      SYSTEM_ACTOR,
      Object.fromEntries(back.searchParams) as Record<string, string>,
    );
    const outcome = new URL(landed.url, 'http://settle.local').searchParams;
    if (outcome.get('quickbooks') === 'connected')
      this.logger.log(
        { realmId: back.searchParams.get('realmId') },
        'Demo QuickBooks connected; syncing',
      );
    else this.logger.warn({ reason: outcome.get('reason') }, 'Demo QuickBooks did not connect');
  }

  private async loadReceivables(): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    const profiles = await this.accessProfiles.all();
    const profileId = (name: string | null) =>
      name ? (profiles.find((p) => p.name === name)?.id ?? null) : null;
    const admin = await this.users.findByEmail(DEMO_USERS[0].email);
    if (!admin) throw new Error('The demo admin was not created');
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
    const organizationIds = new Map<string, string>();

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
      organizationIds.set(demo.name, organization.id);
      await this.dataSource.transaction(async (manager) => {
        for (const source of demo.links)
          await this.organizations.addLink(manager, {
            externalId: `${demo.psaId}-${source}`,
            organizationId: organization.id,
            source,
          });
      });
      for (const contact of demo.contacts) {
        const created = await this.contacts.create(SYSTEM_ACTOR, organization.id, {
          accessProfileId: profileId(contact.profile),
          email: contact.email,
          firstName: contact.firstName,
          isDefaultNotification: contact.notify ?? false,
          lastName: contact.lastName,
        });
        // The demo's portal login, as if the contact had accepted the welcome email.
        if (contact.email === DEMO_PORTAL_EMAIL) {
          const passwordHash = await hashPassword(DEMO_PASSWORD);
          await this.dataSource.transaction((manager) =>
            this.contactAccess.setPassword(manager, created.id, passwordHash),
          );
        }
      }
      await this.addDemoPaymentMethods(author, organization.id);
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

    const demoCompany = organizationIds.get('Demo Company')!;
    const iowa = organizationIds.get('Iowa Sports Central')!;
    const issueDate = shiftDays(today, -20);
    const credit = { currency: 'USD', issueDate, source: 'quickbooks' };
    await this.invoices.upsertCredits([
      {
        ...credit,
        amount: 15000,
        externalId: 'qb-CM-2001',
        kind: 'credit_memo',
        number: 'CM-2001',
        organizationId: demoCompany,
        remaining: 15000,
      },
      {
        ...credit,
        amount: 7500,
        externalId: 'qb-PMT-5521',
        kind: 'unapplied_payment',
        number: 'PMT-5521',
        organizationId: iowa,
        remaining: 7500,
      },
    ]);
    await this.notes.create(author, demoCompany, {
      body: 'Only send the account summary to ap@testcompany.com.',
    });
    await this.notes.create(author, iowa, {
      body: 'Until October, our contact is Bob from accounting.',
    });
  }

  /** A sandbox card (the default) and a bank account, so the demo can take payments at once. */
  private async addDemoPaymentMethods(author: AuthContext, organizationId: string): Promise<void> {
    await this.methods.create(
      author,
      organizationId,
      { friendlyName: 'Company Visa', makeDefault: true, token: 'pm_card_visa' },
      undefined,
    );
    await this.methods.create(
      author,
      organizationId,
      { friendlyName: 'Operating account', token: 'pm_usBankAccount_success' },
      undefined,
    );
  }
}

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
