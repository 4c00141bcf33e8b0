import { Button, TextField } from '@settle/ui';
import { useState } from 'react';

// The hand-wired form the shared pattern replaces: a raw <form>, useState per field.
export function RawForm({ onSave }: { onSave: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(name);
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} />
      <Button type="submit">Save</Button>
    </form>
  );
}
