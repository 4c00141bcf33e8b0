import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { api, problem } from '@/testing/mocks/api';
import { recordRequests, server } from '@/testing/mocks/server';
import { testSettings } from '@/testing/mocks/session';
import { renderApp } from '@/testing/render-app';

describe('settings / general', () => {
  it('saves the form body and shows the success toast', async () => {
    document.cookie = 'settle_csrf=tok-42; path=/';
    const requests = recordRequests();
    server.use(
      api.put('/api/v1/settings/general', async ({ request }) =>
        HttpResponse.json({ ...testSettings, ...(await request.json()) }),
      ),
    );
    const { user } = renderApp('/settings');

    const name = await screen.findByLabelText('MSP name');
    await user.clear(name);
    await user.type(name, 'Ponderosa IT');
    await user.selectOptions(screen.getByLabelText('Default currency'), 'CAD');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    const put = requests.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ ...testSettings, mspName: 'Ponderosa IT', defaultCurrency: 'CAD' });
    expect(put?.headers.get('X-CSRF-Token')).toBe('tok-42');
  });

  it('shows field errors from the problem under the matching field, and Undo restores', async () => {
    server.use(
      api.put('/api/v1/settings/general', () =>
        problem(400, 'Validation failed', {
          errors: [{ field: 'timeZone', message: 'must be a valid IANA time zone' }],
        }),
      ),
    );
    const { user } = renderApp('/settings');
    const name = await screen.findByLabelText('MSP name');
    await user.type(name, ' Ltd');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Time zone')).toHaveAccessibleDescription(
        'must be a valid IANA time zone',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByLabelText('MSP name')).toHaveValue('Acme IT');
  });

  it('rejects a logo over 256 KB without reading it', async () => {
    const { user } = renderApp('/settings');
    await screen.findByLabelText('MSP name');
    const big = new File([new Uint8Array(300 * 1024)], 'logo.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText('Logo'), big);
    expect(await screen.findByText('must be at most 256 KB')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'Logo preview' })).not.toBeInTheDocument();
  });

  it('finds a time zone by city in the grouped picker and saves its IANA name', async () => {
    const requests = recordRequests();
    server.use(
      api.put('/api/v1/settings/general', async ({ request }) =>
        HttpResponse.json({ ...testSettings, ...(await request.json()) }),
      ),
    );
    const { user } = renderApp('/settings');
    const zone = await screen.findByRole('combobox', { name: 'Time zone' });
    expect((zone as HTMLInputElement).value).toMatch(/^Chicago, Americas \(GMT-0[56]:00\)$/);

    await user.click(zone);
    await user.keyboard('tokyo');
    const list = screen.getByRole('listbox', { name: 'Time zones' });
    const asia = within(list).getByRole('group', { name: 'Asia' });
    await user.click(within(asia).getByRole('option', { name: 'Tokyo GMT+09:00' }));
    expect(zone).toHaveValue('Tokyo, Asia (GMT+09:00)');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    expect(requests.find((c) => c.method === 'PUT')?.body).toEqual({
      ...testSettings,
      timeZone: 'Asia/Tokyo',
    });
  });

  it('shows a problem that names no field of the form in the form alert', async () => {
    server.use(
      api.put('/api/v1/settings/general', () =>
        problem(409, 'The settings were changed by someone else; reload to see them'),
      ),
    );
    const { user } = renderApp('/settings');
    await user.type(await screen.findByLabelText('MSP name'), ' Ltd');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The settings were changed by someone else; reload to see them',
    );
    expect(screen.getByLabelText('MSP name')).not.toHaveAttribute('aria-invalid');
  });
});
