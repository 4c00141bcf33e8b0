import { isApiError } from '@settle/api-client';
import { Button, Card, DataTable, ErrorState, type DataTableColumn } from '@settle/ui';
import { useState } from 'react';

import { useEmailTemplates } from '../api/get-email-templates';
import type { EmailTemplateDto, EmailType } from '../api/types';

import { CATEGORY_LABELS } from './email-categories';
import { TemplateEditor } from './template-editor';

/** Settings → Email → Templates: each email type's subject and intro, the MSP's or the default. */
export function EmailTemplates() {
  const templates = useEmailTemplates();
  const [editing, setEditing] = useState<EmailType | null>(null);
  const chosen = templates.data?.data.find((t) => t.type === editing);

  if (chosen) {
    return <TemplateEditor key={chosen.type} template={chosen} onDone={() => setEditing(null)} />;
  }

  const columns: DataTableColumn<EmailTemplateDto>[] = [
    {
      key: 'label',
      header: 'Email',
      render: (t) => (
        <>
          {t.label}
          {t.customized && (
            <>
              {' '}
              <span className="ui-badge app-badge--info">Customized</span>
            </>
          )}
        </>
      ),
    },
    {
      key: 'category',
      header: 'Category',
      render: (t) => CATEGORY_LABELS[t.category] ?? t.category,
    },
    { key: 'subject', header: 'Subject', render: (t) => t.subject ?? t.defaultSubject },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (t) => (
        <Button size="sm" onClick={() => setEditing(t.type)} aria-label={`Edit ${t.label}`}>
          Edit
        </Button>
      ),
    },
  ];

  return (
    <Card title="Templates" flush>
      <p className="ui-muted app-note-text app-note-text--padded">
        Each email keeps its layout and details; its subject and opening paragraph are yours to
        word.
      </p>
      {templates.isError ? (
        <ErrorState
          message={
            isApiError(templates.error) ? templates.error.detail : 'Could not load the templates.'
          }
          requestId={isApiError(templates.error) ? templates.error.requestId : null}
          action={<Button onClick={() => void templates.refetch()}>Try again</Button>}
        />
      ) : (
        <DataTable
          label="Email templates"
          columns={columns}
          rows={templates.data?.data ?? []}
          getRowId={(t) => t.type}
          loading={templates.isPending}
          emptyTitle="No email types"
        />
      )}
    </Card>
  );
}
