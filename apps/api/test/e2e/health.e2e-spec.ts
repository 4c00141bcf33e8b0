import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { createTestApp, TestApp } from '../utils/test-app';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(child);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
}

async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

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
    expect(ready.body).toMatchObject({ checks: { database: { status: 'up' }, redis: { status: 'up' } }, status: 'ok' });

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
