import { isApiError } from '@settle/api-client';
import { Button, Card, ConfirmDialog, ErrorState, useToast } from '@settle/ui';
import { useState } from 'react';

import { EmailPreview } from '@/components/email-preview';
import { Form, FormTextAreaField, FormTextField, SubmitButton } from '@/components/form';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { emailPreviewHtmlHref, useEmailPreview } from '../api/preview-email-template';
import type { EmailTemplateDto } from '../api/types';
import {
  emailTemplateInputSchema,
  templateBody,
  useUpdateEmailTemplate,
  type EmailTemplateInput,
} from '../api/update-email-template';

import { CATEGORY_LABELS } from './email-categories';

const PLACEHOLDER = /\{(\w+)\}/g;

/** The {placeholders} the type's default texts use: each is filled in from the email's data. */
export function placeholdersOf(template: EmailTemplateDto): string[] {
  const names = [template.defaultSubject, template.defaultIntro].flatMap((text) =>
    [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!),
  );
  return [...new Set(names)];
}

function toInput(t: EmailTemplateDto): EmailTemplateInput {
  return { subject: t.subject ?? t.defaultSubject, intro: t.intro ?? t.defaultIntro };
}

/** One type's subject and intro, with a live preview rendered by the API (sample data). */
export function TemplateEditor({
  template: t,
  onDone,
}: {
  template: EmailTemplateDto;
  onDone: () => void;
}) {
  const toast = useToast();
  const [resetting, setResetting] = useState(false);
  const form = useProblemForm({ schema: emailTemplateInputSchema, defaultValues: toInput(t) });
  const save = useUpdateEmailTemplate({
    mutationConfig: {
      onSuccess: (saved) => {
        form.reset(toInput(saved));
        toast.show({ title: `${saved.label} email saved` });
      },
    },
  });
  const reset = useUpdateEmailTemplate({
    mutationConfig: {
      onSuccess: (saved) => {
        form.reset(toInput(saved));
        setResetting(false);
        toast.show({ title: `${saved.label} email reset to the default` });
      },
      onError: (error) => {
        setResetting(false);
        toast.show({
          title: 'Could not reset the template',
          message: isApiError(error) ? error.detail : undefined,
          variant: 'error',
        });
      },
    },
  });

  const subject = form.watch('subject').trim();
  const intro = form.watch('intro').trim();
  // what the preview shows: the texts being typed, once typing pauses (empty ones as saved)
  const typedSubject = useDebouncedValue(subject, 400);
  const typedIntro = useDebouncedValue(intro, 400);
  const previewInput = {
    ...(typedSubject ? { subject: typedSubject } : {}),
    ...(typedIntro ? { intro: typedIntro } : {}),
  };
  const preview = useEmailPreview({ type: t.type, input: previewInput });
  const placeholders = placeholdersOf(t);

  return (
    <Card
      title={`${t.label} email`}
      actions={
        <Button size="sm" variant="ghost" onClick={onDone}>
          ‹ All templates
        </Button>
      }
    >
      <p className="ui-muted app-note-text">
        {CATEGORY_LABELS[t.category] ?? t.category} ·{' '}
        {t.audience === 'staff' ? 'sent to your staff' : 'sent to customers'}
        {t.customized ? ' · customized' : ' · default text'}
      </p>
      <div className="app-template-editor">
        <Form
          form={form}
          onSubmit={(values) => save.mutateAsync({ type: t.type, ...templateBody(t, values) })}
          aria-label={`${t.label} template`}
        >
          <FormTextField control={form.control} name="subject" label="Subject" maxLength={200} />
          <FormTextAreaField
            control={form.control}
            name="intro"
            label="Intro"
            rows={4}
            maxLength={2000}
            hint="The first paragraph; the email's details follow it."
          />
          {placeholders.length > 0 && (
            <div className="app-note-text">
              <span className="ui-muted">Placeholders this email fills in: </span>
              <ul className="app-chips app-placeholders" aria-label="Placeholders">
                {placeholders.map((p) => (
                  <li key={p}>
                    <code>{`{${p}}`}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="app-form-actions">
            <Button
              onClick={() => setResetting(true)}
              disabled={!t.customized || form.formState.isSubmitting}
            >
              Reset to default
            </Button>
            <SubmitButton disabled={!form.formState.isDirty}>Save template</SubmitButton>
          </div>
        </Form>
        <section className="app-template-preview" aria-label="Preview">
          <h3 className="app-subheading">Preview</h3>
          {preview.isError ? (
            <ErrorState
              message={
                isApiError(preview.error) ? preview.error.detail : 'Could not render the preview.'
              }
            />
          ) : preview.data ? (
            <>
              <p className="app-note-text">
                <span className="ui-muted">Subject: </span>
                <strong data-testid="preview-subject">{preview.data.subject}</strong>
              </p>
              <EmailPreview
                htmlSrc={emailPreviewHtmlHref(t.type, previewInput)}
                text={preview.data.text}
                label="Template preview"
                busy={preview.isFetching}
              />
            </>
          ) : (
            <p className="ui-muted app-note-text" role="status">
              Rendering the preview…
            </p>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={resetting}
        title="Reset to the default text?"
        message={`The ${t.label.toLowerCase()} email goes back to “${t.defaultSubject}” and its default intro.`}
        confirmLabel="Reset"
        pending={reset.isPending}
        onConfirm={() => reset.mutate({ type: t.type, ...templateBody(t, null) })}
        onCancel={() => setResetting(false)}
      />
    </Card>
  );
}
