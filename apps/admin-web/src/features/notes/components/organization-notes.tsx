import { fieldErrors, isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  Pager,
  Skeleton,
  TextAreaField,
  formatDateTime,
  useToast,
} from '@settle/ui';
import { useState, type FormEvent } from 'react';

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
  const [body, setBody] = useState('');
  const [clientError, setClientError] = useState<string>();
  const [deleting, setDeleting] = useState<NoteResponseDto | null>(null);
  const notes = useNotes({ organizationId, params });

  const create = useCreateNote({
    mutationConfig: {
      onSuccess: () => {
        setBody('');
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = noteInputSchema.safeParse({ body });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    create.mutate({ organizationId, body: parsed.data.body });
  };

  const serverError = fieldErrors(create.error).body;
  const formError =
    create.error && !serverError
      ? isApiError(create.error)
        ? create.error.detail
        : 'Could not save the note.'
      : null;

  return (
    <Card title="Organization Notes">
      {canWrite && (
        <form onSubmit={submit} noValidate aria-label="New note" className="app-note-form">
          {formError && (
            <div className="ui-alert ui-alert--error" role="alert">
              {formError}
            </div>
          )}
          <TextAreaField
            label="Leave a comment"
            name="body"
            value={body}
            placeholder="Internal note for your team (not shown to the customer)"
            onChange={(e) => setBody(e.target.value)}
            error={clientError ?? serverError}
          />
          <div className="app-form-actions">
            <Button type="submit" variant="primary" loading={create.isPending}>
              Save
            </Button>
          </div>
        </form>
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
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [error, setError] = useState<string>();
  const update = useUpdateNote({
    mutationConfig: {
      onSuccess: () => {
        setEditing(false);
        toast.show({ title: 'Note updated' });
      },
      onError: (err) =>
        setError(
          fieldErrors(err).body ?? (isApiError(err) ? err.detail : 'Could not update the note.'),
        ),
    },
  });
  const edited = note.updatedAt !== note.createdAt;

  const save = (e: FormEvent) => {
    e.preventDefault();
    const parsed = noteInputSchema.safeParse({ body: draft });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    update.mutate({ organizationId, noteId: note.id, body: parsed.data.body });
  };

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
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setDraft(note.body);
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={onDelete}>
              Delete
            </Button>
          </span>
        )}
      </div>
      {editing ? (
        <form onSubmit={save} noValidate aria-label="Edit note">
          <TextAreaField
            label="Edit note"
            hideLabel
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            error={error}
          />
          <div className="app-form-actions">
            <Button onClick={() => setEditing(false)}>Cancel</Button>
            <Button type="submit" variant="primary" loading={update.isPending}>
              Save changes
            </Button>
          </div>
        </form>
      ) : (
        <p className="app-note__body">{note.body}</p>
      )}
    </li>
  );
}
