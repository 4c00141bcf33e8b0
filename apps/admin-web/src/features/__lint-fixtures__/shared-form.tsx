import { z } from 'zod';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

// The shared pattern: lints clean. A search box may stay a plain role="search" form.
const schema = z.object({ name: z.string().trim().min(1, 'is required') });

export function SharedForm({ onSave }: { onSave: (name: string) => Promise<unknown> }) {
  const form = useProblemForm({ schema, defaultValues: { name: '' } });
  return (
    <>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <input type="search" aria-label="Search" />
      </form>
      <Form form={form} onSubmit={({ name }) => onSave(name)} aria-label="Name">
        <FormTextField control={form.control} name="name" label="Name" />
        <SubmitButton>Save</SubmitButton>
      </Form>
    </>
  );
}
