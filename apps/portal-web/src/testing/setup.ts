import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { server } from './mocks/server';

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

afterEach(() => {
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
