import { ChildProcess } from 'node:child_process';

import {
  eventually,
  freePort,
  startRedisServer as startRedis,
  stopProcess as stop,
} from '@settle/testing';

import { createTestApp, TestApp } from '../utils/test-app';

describe('health', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t.close();
    await stop(redis);
  });

  it('is live without credentials', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready while PostgreSQL and Redis answer, fails while Redis is down, and recovers', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      checks: { database: { status: 'up' }, redis: { status: 'up' } },
      status: 'ok',
    });

    await stop(redis);
    await eventually(async () => {
      const down = await t.http.get('/health/ready');
      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(/problem\+json/);
      expect(down.body.detail).toMatch(/redis unreachable/);
      expect(down.body.detail).not.toMatch(/database/);
    });
    // Liveness does not depend on Redis: restarting the process would not help.
    await t.http.get('/health').expect(200);

    redis = await startRedis(port);
    await eventually(async () => {
      await t.http.get('/health/ready').expect(200);
    });
  });
});
