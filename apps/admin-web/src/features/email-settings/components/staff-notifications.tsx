import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  ErrorState,
  LoadingState,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useId } from 'react';

import { Form, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { useStaffNotifications } from '../api/get-staff-notifications';
import { useAllStaffUsers } from '../api/get-staff-users';
import type {
  StaffNotificationSettingsDto,
  StaffUserDto,
  UpdateStaffNotificationsDto,
} from '../api/types';
import {
  STAFF_NOTIFICATION_KINDS,
  staffNotificationsInputSchema,
  useUpdateStaffNotifications,
  type StaffNotificationsInput,
} from '../api/update-staff-notifications';

import { STAFF_NOTIFICATION_TEXT } from './staff-notification-kinds';

interface StaffMember {
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
}

type Subscriptions = StaffNotificationSettingsDto['subscriptions'];

/** Every staff user (so anyone can be ticked), and anyone subscribed the user list lacks. */
function staffMembers(users: StaffUserDto[], subscriptions: Subscriptions): StaffMember[] {
  const listed = new Set(users.map((u) => u.id));
  return [
    ...users.map((u) => ({ userId: u.id, name: u.name, email: u.email, disabled: u.disabled })),
    ...subscriptions
      .filter((s) => !listed.has(s.userId))
      .map((s) => ({ userId: s.userId, name: s.name, email: s.email, disabled: s.disabled })),
  ];
}

function toInput(staff: StaffMember[], subscriptions: Subscriptions): StaffNotificationsInput {
  const byUser = new Map(subscriptions.map((s) => [s.userId, s]));
  return {
    rows: staff.map(({ userId }) => {
      const s = byUser.get(userId);
      return {
        userId,
        paymentMade: s?.paymentMade ?? false,
        dailySummary: s?.dailySummary ?? false,
        emailFailures: s?.emailFailures ?? false,
        autopayRuns: s?.autopayRuns ?? false,
        autopayApprovals: s?.autopayApprovals ?? false,
        accessRequests: s?.accessRequests ?? false,
      };
    }),
  };
}

/**
 * A refusal that names sent subscriptions by index (`subscriptions.2.userId is not a user`), in
 * words with the users' names; null when it names none.
 */
function namedProblem(
  error: unknown,
  sent: UpdateStaffNotificationsDto['subscriptions'],
  staff: StaffMember[],
): string | null {
  if (!isApiError(error)) return null;
  const named = error.errors.flatMap(({ field, message }) => {
    const index = /^subscriptions\.(\d+)\./.exec(field)?.[1];
    const userId = index === undefined ? undefined : sent[Number(index)]?.userId;
    if (!userId) return [];
    const name = staff.find((m) => m.userId === userId)?.name ?? userId;
    return [`${name} ${message}`];
  });
  return named.length ? `${error.detail}: ${named.join('; ')}.` : null;
}

/** Settings → Email → Staff notifications: which staff user gets which staff email. */
export function StaffNotifications() {
  const subscriptions = useStaffNotifications();
  const users = useAllStaffUsers();
  const failed = subscriptions.error ?? users.error;

  let body;
  if (failed) {
    body = (
      <ErrorState
        message={isApiError(failed) ? failed.detail : 'Could not load the staff notifications.'}
        requestId={isApiError(failed) ? failed.requestId : null}
        action={
          <Button
            onClick={() => {
              if (subscriptions.isError) void subscriptions.refetch();
              if (users.isError) void users.refetch();
            }}
          >
            Try again
          </Button>
        }
      />
    );
  } else if (!subscriptions.data || !users.data) {
    body = <LoadingState label="Loading staff notifications…" />;
  } else {
    const staff = staffMembers(users.data, subscriptions.data.subscriptions);
    body = <StaffNotificationsForm staff={staff} saved={subscriptions.data.subscriptions} />;
  }
  return (
    <Card title="Staff notifications" flush>
      <p className="ui-muted app-note-text app-note-text--padded">
        Emails to your own team, not to customers. Tick who gets each one.
      </p>
      <dl className="app-staff-kinds" aria-label="Staff emails">
        {STAFF_NOTIFICATION_KINDS.map((kind) => (
          <div key={kind}>
            <dt>{STAFF_NOTIFICATION_TEXT[kind].label}</dt>
            <dd>{STAFF_NOTIFICATION_TEXT[kind].meaning}</dd>
          </div>
        ))}
      </dl>
      {body}
    </Card>
  );
}

function StaffNotificationsForm({ staff, saved }: { staff: StaffMember[]; saved: Subscriptions }) {
  const toast = useToast();
  const disabledNoteId = useId();
  const form = useProblemForm({
    schema: staffNotificationsInputSchema,
    defaultValues: toInput(staff, saved),
  });
  const save = useUpdateStaffNotifications({
    mutationConfig: {
      onSuccess: (result) => {
        form.reset(toInput(staff, result.subscriptions));
        toast.show({ title: 'Staff notifications saved' });
      },
    },
  });
  const { isDirty, isSubmitting } = form.formState;
  const rows = staff.map((member, index) => ({ ...member, index }));
  const anyDisabled = staff.some((m) => m.disabled);

  const columns: DataTableColumn<(typeof rows)[number]>[] = [
    {
      key: 'user',
      header: 'User',
      render: (m) => (
        <>
          {m.name}
          {m.disabled && (
            <span className="ui-badge ui-badge--danger app-badge-inline">Disabled</span>
          )}
          <div className="ui-muted app-note-text">{m.email}</div>
        </>
      ),
    },
    ...STAFF_NOTIFICATION_KINDS.map((kind): DataTableColumn<(typeof rows)[number]> => ({
      key: kind,
      header: STAFF_NOTIFICATION_TEXT[kind].label,
      align: 'center',
      render: (m) => (
        <input
          type="checkbox"
          aria-label={`${STAFF_NOTIFICATION_TEXT[kind].label} for ${m.name}`}
          aria-describedby={m.disabled ? disabledNoteId : undefined}
          {...form.register(`rows.${m.index}.${kind}`)}
        />
      ),
    })),
  ];

  return (
    <Form
      form={form}
      onSubmit={async (body) => {
        try {
          await save.mutateAsync(body);
        } catch (error) {
          const named = namedProblem(error, body.subscriptions, staff);
          if (!named) throw error;
          form.setFormError(named);
        }
      }}
      aria-label="Staff notifications"
      className="app-staff-notifications"
    >
      <DataTable
        label="Staff notifications"
        columns={columns}
        rows={rows}
        getRowId={(m) => m.userId}
        emptyTitle="No staff users"
        emptyText="Add users under Settings → Users to send them these emails."
      />
      <div className="app-staff-notifications__footer">
        {anyDisabled && (
          <p id={disabledNoteId} className="ui-muted app-note-text">
            Disabled users keep their ticks but receive nothing until they are enabled again.
          </p>
        )}
        <div className="app-form-actions">
          <Button onClick={() => form.reset()} disabled={!isDirty || isSubmitting}>
            Undo
          </Button>
          <SubmitButton disabled={!isDirty}>Save notifications</SubmitButton>
        </div>
      </div>
    </Form>
  );
}
