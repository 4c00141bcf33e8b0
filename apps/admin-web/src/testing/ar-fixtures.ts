/** A/R fixtures modelled on the seeds (000 Overview, 002 Organization profile, 003 contacts). */

import type { components } from '@settle/api-client';

type Schemas = components['schemas'];

export const ORG_ID = '11111111-1111-4111-8111-111111111111';

/** Seed 000: "A/R by Company", in minor units. */
export const seedCompanies = [
  { name: 'BNG Design', openInvoices: 1, balance: 574000 },
  { name: 'Iowa Sports Central', openInvoices: 5, balance: 550800 },
  { name: 'XYZ Test Company', openInvoices: 2, balance: 379900 },
  { name: 'Demo Company', openInvoices: 4, balance: 300300 },
  { name: 'Ponderosa Ranch', openInvoices: 1, balance: 107500 },
  { name: 'RS Company', openInvoices: 1, balance: 105500 },
  { name: 'A. Datum Corporation', openInvoices: 2, balance: 20333 },
].map((c, i): Schemas['ArCompanyDto'] => ({
  organizationId: `00000000-0000-4000-8000-00000000010${i}`,
  name: c.name,
  openInvoices: c.openInvoices,
  balance: c.balance,
  pastDue: c.balance,
}));

export const seedArOverview: Schemas['ArOverviewResponseDto'] = {
  totals: {
    totalBalance: 2038333,
    totalPastDue: 2038333,
    openInvoices: 16,
    companies: 7,
    currency: 'USD',
  },
  companies: { data: seedCompanies, page: 1, pageSize: 10, total: 7 },
  highestBalances: seedCompanies.slice(0, 6).map(({ organizationId, name, balance, pastDue }) => ({
    organizationId,
    name,
    balance,
    pastDue,
  })),
};

export const demoCompany: Schemas['OrganizationResponseDto'] = {
  id: ORG_ID,
  name: 'Demo Company',
  status: 'active',
  address: {
    line1: 'Test Address',
    line2: null,
    city: 'TestCity',
    region: 'ND',
    postalCode: '58103',
    country: 'US',
  },
  phone: '+1 701 555 0100',
  parentOrganizationId: null,
  parentOrganizationName: null,
  convenienceFeeWaived: false,
  contactsCount: 2,
  lastPortalLoginAt: '2018-03-09T23:34:41Z',
  lastPortalLoginEmail: 'demo@example.com',
  links: [{ kind: 'psa', source: 'connectwise', externalId: '19300' }],
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

export const demoBalance: Schemas['OrganizationBalanceResponseDto'] = {
  currency: 'USD',
  totalBalance: 300300,
  pastDue: 300300,
  openInvoices: 4,
  oldestInvoice: { id: 'inv-1', number: '1001', dueDate: '2023-01-15' },
  aging: {
    current: 0,
    days1to30: 0,
    days31to60: 100000,
    days61to90: 0,
    days90plus: 200300,
    total: 300300,
  },
  creditsAvailable: 5000,
  unappliedPayments: 2500,
};

const NO_PERMS: Schemas['AccessPermissionsDto'] = {
  viewInvoices: false,
  pay: false,
  managePaymentMethods: false,
  manageAutopay: false,
  viewCredits: false,
  viewUnappliedPayments: false,
  receiveAccountEmails: false,
};

export const accessProfiles: Schemas['AccessProfileResponseDto'][] = [
  {
    id: 'ap-view',
    name: 'View Only',
    permissions: { ...NO_PERMS, viewInvoices: true },
    contactsCount: 1,
    isSystem: true,
  },
  {
    id: 'ap-full',
    name: 'Full Access',
    permissions: {
      viewInvoices: true,
      pay: true,
      managePaymentMethods: true,
      manageAutopay: true,
      viewCredits: true,
      viewUnappliedPayments: true,
      receiveAccountEmails: true,
    },
    contactsCount: 0,
    isSystem: false,
  },
];

export const demoOwner: Schemas['ContactResponseDto'] = {
  id: 'c-1',
  firstName: 'Demo',
  lastName: 'Owner',
  name: 'Demo Owner',
  email: 'demo@example.com',
  phone: null,
  accessProfileId: 'ap-view',
  accessProfileName: 'View Only',
  isDefaultNotification: true,
  lastLoginAt: '2018-03-09T23:34:41Z',
  organizations: [
    { organizationId: ORG_ID, name: 'Demo Company' },
    { organizationId: '22222222-2222-4222-8222-222222222222', name: 'Ponderosa Ranch' },
  ],
};

/** One page of a list answer, as every paged endpoint returns it. */
export function page<T>(
  data: T[],
  pageSize = 25,
): { data: T[]; page: number; pageSize: number; total: number } {
  return { data, page: 1, pageSize, total: data.length };
}

/** An organizations-list row; only the id and name matter to most tests. */
export function organizationSummary(
  over: Pick<Schemas['OrganizationSummaryDto'], 'id' | 'name'> &
    Partial<Schemas['OrganizationSummaryDto']>,
): Schemas['OrganizationSummaryDto'] {
  return {
    status: 'active',
    city: null,
    region: null,
    contactsCount: 0,
    openInvoices: 0,
    balance: 0,
    pastDue: 0,
    currency: 'USD',
    lastPortalLoginAt: null,
    ...over,
  };
}
