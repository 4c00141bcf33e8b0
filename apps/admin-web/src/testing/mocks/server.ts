import { setupServer } from 'msw/node';

import { autopayForecastHandler } from './overview';
import { sessionHandlers } from './session';
import { noSyncHandlers } from './sync';

/**
 * The network every admin-web test sees: a signed-in admin by default, with no AutoPay charges
 * forecast (calendars and open invoices ask) and nothing synced (the Overview and every profile
 * ask); each test adds its handlers with `server.use(...)`. A request no handler answers fails
 * the test (setup.ts).
 */
export const server = setupServer(
  ...sessionHandlers(),
  autopayForecastHandler(),
  ...noSyncHandlers(),
);

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  /** The parsed JSON body, or undefined when the request has none. */
  body: unknown;
}

/** Every request the app sends from now until the test ends, in order. */
export function recordRequests(): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  server.events.on('request:start', async ({ request }) => {
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: undefined,
    };
    requests.push(recorded);
    const text = await request.clone().text();
    recorded.body = text ? JSON.parse(text) : undefined;
  });
  return requests;
}
