import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  Pager,
  Skeleton,
  formatDateTime,
  useToast,
} from '@settle/ui';
import { useState } from 'react';

import { Form, FormTextAreaField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { useMsp } from '@/lib/msp-context';

import { noteInputSchema, useCreateNote } from '../api/create-note';
import { useDeleteNote } from '../api/delete-note';
import { useNotes } from '../api/get-notes';
import type { NotesListParams } from '../api/keys';
import type { NoteResponseDto } from '../api/types';
import { useUpdateNote } from '../api/update-note';

export function OrganizationNotes({ organizationId }: { organizationId: string }) {
  const { user, timeZone } = useMsp();
  const toast = useToast();
  const canWrite = user.role !== 'viewer';
  const [params, setParams] = useState<NotesListParams>({ page: 1, pageSize: 10 });
  const [deleting, setDeleting] = useState<NoteResponseDto | null>(null);
  const notes = useNotes({ organizationId, params });

  const form = useProblemForm({ schema: noteInputSchema, defaultValues: { body: '' } });
  const create = useCreateNote({
    mutationConfig: {
      onSuccess: () => {
        form.reset();
        setParams((p) => ({ ...p, page: 1 }));
        toast.show({ title: 'Note saved' });
      },
    },
  });
  const remove = useDeleteNote({
    mutationConfig: {
      onSuccess: () => {
        setDeleting(null);
        toast.show({ title: 'Note deleted' });
      },
      onError: (err) =>
        toast.show({
          title: 'Could not delete the note',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  return (
    <Card title="Organization Notes">
      {canWrite && (
        <Form
          form={form}
          onSubmit={({ body }) => create.mutateAsync({ organizationId, body })}
          aria-label="New note"
          className="app-note-form"
        >
          <FormTextAreaField
            control={form.control}
            name="body"
            label="Leave a comment"
            placeholder="Internal note for your team (not shown to the customer)"
          />
          <div className="app-form-actions">
            <SubmitButton>Save</SubmitButton>
          </div>
        </Form>
      )}
      {notes.isPending ? (
        <div className="app-notes-skeleton">
          <Skeleton width="30%" />
          <Skeleton />
        </div>
      ) : notes.isError ? (
        <ErrorState
          message={isApiError(notes.error) ? notes.error.detail : 'Could not load the notes.'}
        />
      ) : notes.data.data.length === 0 ? (
        <EmptyState
          bare
          title="No notes yet"
          text="Notes are internal: share context with your team, such as who to contact about billing."
        />
      ) : (
        <>
          <ol className="app-notes" aria-label="Notes">
            {notes.data.data.map((n) => (
              <NoteItem
                key={n.id}
                note={n}
                organizationId={organizationId}
                timeZone={timeZone}
                own={canWrite && n.authorId === user.id}
                onDelete={() => setDeleting(n)}
              />
            ))}
          </ol>
          {notes.data.total > params.pageSize && (
            <Pager
              page={params.page}
              pageSize={params.pageSize}
              total={notes.data.total}
              onPageChange={(page) => setParams((p) => ({ ...p, page }))}
            />
          )}
        </>
      )}
      <ConfirmDialog
        open={!!deleting}
        title="Delete note"
        message="This note will be removed for everyone. This cannot be undone."
        confirmLabel="Delete"
        danger
        pending={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ organizationId, noteId: deleting.id })}
      />
    </Card>
  );
}

function NoteItem({
  note,
  organizationId,
  timeZone,
  own,
  onDelete,
}: {
  note: NoteResponseDto;
  organizationId: string;
  timeZone: string;
  own: boolean;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const edited = note.updatedAt !== note.createdAt;

  return (
    <li className="app-note">
      <div className="app-note__meta">
        <strong>{note.authorName ?? 'Deleted user'}</strong>
        <time dateTime={note.createdAt} className="ui-muted">
          {formatDateTime(note.createdAt, timeZone)}
        </time>
        {edited && (
          <span className="ui-muted" title={formatDateTime(note.updatedAt, timeZone)}>
            (edited)
          </span>
        )}
        {own && !editing && (
          <span className="app-note__actions">
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={onDelete}>
              Delete
            </Button>
          </span>
        )}
      </div>
      {editing ? (
        <EditNoteForm
          note={note}
          organizationId={organizationId}
          onDone={() => setEditing(false)}
        />
      ) : (
        <p className="app-note__body">{note.body}</p>
      )}
    </li>
  );
}

/** Mounted per edit: the form starts from the note as it is now. */
function EditNoteForm({
  note,
  organizationId,
  onDone,
}: {
  note: NoteResponseDto;
  organizationId: string;
  onDone: () => void;
}) {
  const toast = useToast();
  const form = useProblemForm({ schema: noteInputSchema, defaultValues: { body: note.body } });
  const update = useUpdateNote({
    mutationConfig: {
      onSuccess: () => {
        onDone();
        toast.show({ title: 'Note updated' });
      },
    },
  });
  return (
    <Form
      form={form}
      onSubmit={({ body }) => update.mutateAsync({ organizationId, noteId: note.id, body })}
      aria-label="Edit note"
    >
      <FormTextAreaField control={form.control} name="body" label="Edit note" hideLabel />
      <div className="app-form-actions">
        <Button onClick={onDone}>Cancel</Button>
        <SubmitButton>Save changes</SubmitButton>
      </div>
    </Form>
  );
}
