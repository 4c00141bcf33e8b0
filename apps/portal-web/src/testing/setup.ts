import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

import { server } from './mocks/server';

// npm test runs jest beside this suite on two cores; the default 1 s is too tight for a busy machine.
configure({ asyncUtilTimeout: 8000 });

/** Requests no handler answered during the current test; any one fails it. */
let unhandled: string[] = [];

beforeAll(() => {
  server.listen({
    onUnhandledRequest(request, print) {
      unhandled.push(`${request.method} ${new URL(request.url).pathname}`);
      print.error();
    },
  });
});

/** Requests the current test has started that MSW has not finished answering. */
const inFlight = new Set<string>();

beforeEach(() => {
  inFlight.clear();
  server.events.on('request:start', ({ requestId }) => void inFlight.add(requestId));
  server.events.on('request:end', ({ requestId }) => void inFlight.delete(requestId));
});

/**
 * A test may end on what it asserted while a request it caused is still on its way (a list page's
 * search after a navigation); answered after the handlers are reset, it would be blamed on the
 * next test. Letting it finish here keeps every request inside the test that made it.
 */
async function settleRequests(): Promise<void> {
  const deadline = Date.now() + 2000;
  while (inFlight.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  await settleRequests();
  cleanup();
  document.cookie.split(';').forEach((c) => {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  server.resetHandlers();
  server.events.removeAllListeners();
  const missed = unhandled;
  unhandled = [];
  expect(missed, 'requests without an MSW handler').toEqual([]);
});

afterAll(() => server.close());
