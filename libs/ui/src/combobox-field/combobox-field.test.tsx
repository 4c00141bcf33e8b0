import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import { ComboboxField, type ComboboxGroup } from './combobox-field';

const groups: ComboboxGroup[] = [
  {
    label: 'Americas',
    options: [
      { value: 'America/Chicago', label: 'Chicago', detail: 'GMT-05:00' },
      { value: 'America/New_York', label: 'New York', detail: 'GMT-04:00' },
    ],
  },
  {
    label: 'Europe',
    options: [{ value: 'Europe/Paris', label: 'Paris', detail: 'GMT+02:00' }],
  },
];

function Harness({ initial = 'America/Chicago' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ComboboxField
        label="Time zone"
        listLabel="Time zones"
        value={value}
        onChange={setValue}
        groups={groups}
      />
      <output aria-label="Chosen">{value}</output>
    </>
  );
}

describe('ComboboxField', () => {
  it('filters grouped options as you type and chooses one with the keyboard', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    expect(input).toHaveValue('Chicago');
    expect(input).toHaveAttribute('aria-expanded', 'false');

    await user.clear(input);
    await user.type(input, 'par');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    const list = screen.getByRole('listbox', { name: 'Time zones' });
    expect(within(list).getAllByRole('option')).toHaveLength(1);
    expect(within(list).getByRole('group', { name: 'Europe' })).toBeInTheDocument();
    expect(input).toHaveAttribute(
      'aria-activedescendant',
      within(list).getByRole('option', { name: /Paris/ }).id,
    );

    await user.keyboard('{Enter}');
    expect(screen.getByRole('status', { name: 'Chosen' })).toHaveTextContent('Europe/Paris');
    expect(input).toHaveValue('Paris');
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('finds options by their detail and group, moves with arrows, and keeps the value on Escape', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await user.clear(input);
    await user.type(input, 'americas');
    expect(screen.getAllByRole('option')).toHaveLength(2);
    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute(
      'aria-activedescendant',
      screen.getByRole('option', { name: /New York/ }).id,
    );
    await user.keyboard('{Escape}');
    expect(input).toHaveValue('Chicago');
    expect(screen.getByRole('status', { name: 'Chosen' })).toHaveTextContent('America/Chicago');

    await user.clear(input);
    await user.type(input, 'gmt+02');
    await user.click(screen.getByRole('option', { name: /Paris/ }));
    expect(screen.getByRole('status', { name: 'Chosen' })).toHaveTextContent('Europe/Paris');
  });

  it('says when nothing matches', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await user.clear(input);
    await user.type(input, 'atlantis');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    expect(screen.getByText('Nothing matches “atlantis”')).toBeInTheDocument();
  });
});
