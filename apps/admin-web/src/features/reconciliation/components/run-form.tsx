import { Button, Card } from '@settle/ui';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';

import { useOrganization } from '@/api/organizations/get-organization';
import { Form, FormTextField, SubmitButton } from '@/components/form';
import { todayIn } from '@/lib/calendar-date';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { useMsp } from '@/lib/msp-context';

import { startRunInputSchema, useStartRun } from '../api/start-run';
import type { ReconciliationRun } from '../api/types';
import { presetPeriod, PRESETS } from '../utils/period';

import { OrganizationPicker, type PickedOrganization } from './organization-picker';

/**
 * What to reconcile: a period (last calendar month unless changed) and every organization or one.
 * `organizationId` preselects one (the organization page's Reconcile link).
 */
export function RunForm({
  organizationId,
  onStarted,
}: {
  organizationId?: string;
  onStarted: (run: ReconciliationRun) => void;
}) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  const form = useProblemForm({
    schema: startRunInputSchema(today),
    defaultValues: { ...presetPeriod('last-month', today), organizationId: organizationId ?? '' },
  });
  const start = useStartRun({ mutationConfig: { onSuccess: onStarted } });
  const [from, to] = useWatch({ control: form.control, name: ['from', 'to'] });

  const preselected = useOrganization({
    id: organizationId ?? '',
    queryConfig: { enabled: !!organizationId },
  });
  const [picked, setPicked] = useState<PickedOrganization | null>(null);
  useEffect(() => {
    if (preselected.data) setPicked({ id: preselected.data.id, name: preselected.data.name });
  }, [preselected.data]);
  const pick = (next: PickedOrganization | null) => {
    setPicked(next);
    form.setValue('organizationId', next?.id ?? '');
    form.clearErrors('organizationId');
  };
  const organizationError = form.formState.errors.organizationId?.message;

  return (
    <Card title="Run a reconciliation">
      <p className="ui-muted app-recon-intro">
        Compares Settle’s payments with the payments in QuickBooks and the charges at the payment
        gateway for the period, and explains every difference.
      </p>
      <OrganizationPicker value={picked} onChange={pick} />
      {organizationError && (
        <p className="app-text-danger" role="alert">
          {organizationError}
        </p>
      )}
      <Form
        form={form}
        onSubmit={(values) => start.mutateAsync(values)}
        aria-label="Run a reconciliation"
      >
        <div className="app-recon-presets" role="group" aria-label="Period">
          {PRESETS.map((preset) => {
            const period = presetPeriod(preset.key, today);
            const current = period.from === from && period.to === to;
            return (
              <Button
                key={preset.key}
                size="sm"
                variant={current ? 'primary' : 'secondary'}
                aria-pressed={current}
                onClick={() => {
                  form.setValue('from', period.from);
                  form.setValue('to', period.to);
                  form.clearErrors(['from', 'to']);
                }}
              >
                {preset.label}
              </Button>
            );
          })}
        </div>
        <div className="app-toolbar app-recon-dates">
          <FormTextField control={form.control} name="from" label="From" type="date" max={today} />
          <FormTextField control={form.control} name="to" label="To" type="date" />
          <SubmitButton>Run reconciliation</SubmitButton>
        </div>
      </Form>
    </Card>
  );
}
