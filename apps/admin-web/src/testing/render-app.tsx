import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '@/app';
import { createQueryClient } from '@/lib/react-query';

/** Renders the whole app (real router, providers and api client) at `path`. */
export function renderApp(path: string) {
  window.history.pushState({}, '', path);
  const queryClient = createQueryClient();
  const user = userEvent.setup();
  const utils = render(<App queryClient={queryClient} />);
  return { ...utils, user, queryClient };
}

export function currentUrl(): string {
  return window.location.pathname + window.location.search;
}
