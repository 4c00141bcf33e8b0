import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '@/app';
import { createQueryClient } from '@/lib/react-query';

export function renderApp(path: string) {
  window.history.pushState({}, '', path);
  const user = userEvent.setup();
  return { ...render(<App queryClient={createQueryClient()} />), user };
}
