import { useState } from 'react';
import { Link } from 'react-router';

import type { PaymentsListParams } from '@/api/payments/keys';
import { paths } from '@/config/paths';

import type { PaymentStatus } from '../api/types';

import { PaymentsTable } from './payments-table';

/**
 * One organization's payments: all of them (Transaction History), one status (Pending,
 * Scheduled), or the ten most recent with a link to the rest (the profile's details page).
 */
export function OrganizationPayments({
  organizationId,
  title,
  status,
  recent,
  emptyText,
}: {
  organizationId: string;
  title: string;
  status?: PaymentStatus;
  recent?: boolean;
  emptyText?: string;
}) {
  const [params, setParams] = useState<PaymentsListParams>({
    organizationId,
    status,
    page: 1,
    pageSize: recent ? 10 : 25,
    sort: status === 'scheduled' ? 'scheduledFor' : '-createdAt',
  });
  return (
    <PaymentsTable
      title={title}
      params={params}
      onParamsChange={(next) => setParams((p) => ({ ...p, ...next }))}
      hideOrganization
      fixedStatus={!!status}
      compact={recent}
      emptyText={emptyText}
      actions={
        recent ? (
          <Link to={paths.app.organization.section(organizationId, 'transaction-history')}>
            View all
          </Link>
        ) : undefined
      }
    />
  );
}
