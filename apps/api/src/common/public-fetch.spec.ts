import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

import { fetchPublic, isPublicAddress, postPublic, PublicFetchError } from './public-fetch';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    'not an address',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});

describe('fetchPublic', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  const limits = { maxBytes: 1_000, maxRedirects: 2, timeoutMs: 2_000 };

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      if (request.url === '/doc') response.end('the document');
      else if (request.url === '/big') response.end('x'.repeat(5_000));
      else if (request.url === '/chunked') {
        // No Content-Length: the limit is found while streaming.
        for (let i = 0; i < 10; i += 1) response.write('y'.repeat(300));
        response.end();
      } else if (request.url === '/loop') {
        response.writeHead(302, { location: '/loop' });
        response.end();
      } else if (request.url === '/moved') {
        response.writeHead(301, { location: '/doc' });
        response.end();
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (hits = 0));

  const url = (path: string, host = '127.0.0.1') => `http://${host}:${port}${path}`;

  it('refuses a private address, written out or behind a name, without connecting', async () => {
    for (const target of [
      url('/doc'),
      url('/doc', 'localhost'),
      url('/doc', '[::1]'),
      url('/doc', '[::ffff:127.0.0.1]'),
      url('/doc', '2130706433'),
    ])
      await expect(fetchPublic(target, { ...limits, allowPrivate: false })).rejects.toThrow(
        new PublicFetchError('the link points at a private address'),
      );
    expect(hits).toBe(0);
  });

  it('fetches from a private address when allowed, following redirects', async () => {
    const direct = await fetchPublic(url('/doc'), { ...limits, allowPrivate: true });
    expect(await text(direct.body)).toBe('the document');
    const moved = await fetchPublic(url('/moved', 'localhost'), { ...limits, allowPrivate: true });
    expect(await text(moved.body)).toBe('the document');
  });

  it('refuses other schemes, non-200 answers, redirect loops and oversized bodies', async () => {
    const allowed = { ...limits, allowPrivate: true };
    await expect(fetchPublic('file:///etc/passwd', allowed)).rejects.toThrow('not http(s)');
    await expect(fetchPublic('not a url', allowed)).rejects.toThrow('not a URL');
    await expect(fetchPublic(url('/missing'), allowed)).rejects.toThrow('answered 404');
    await expect(fetchPublic(url('/loop'), allowed)).rejects.toThrow('too many redirects');
    await expect(fetchPublic(url('/big'), allowed)).rejects.toThrow('larger than 1000 bytes');
    const chunked = await fetchPublic(url('/chunked'), allowed);
    await expect(text(chunked.body)).rejects.toThrow('larger than 1000 bytes');
  });
});

describe('postPublic', () => {
  let server: Server;
  let port: number;
  const bodies: string[] = [];
  const limits = { maxBytes: 20, timeoutMs: 2_000 };

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        bodies.push(body);
        if (request.url === '/moved') {
          response.writeHead(302, { location: `http://127.0.0.1:${port}/ok` }).end();
          return;
        }
        response.writeHead(request.url === '/fail' ? 500 : 200).end('x'.repeat(100));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, allowPrivate: boolean) =>
    postPublic(
      `http://127.0.0.1:${port}${path}`,
      { body: '{"a":1}', headers: { 'content-type': 'application/json' } },
      { ...limits, allowPrivate },
    );

  it('posts the body and answers the status with the start of the answer', async () => {
    const response = await post('/ok', true);
    expect(response).toEqual({ body: 'x'.repeat(20), status: 200 });
    expect(bodies.at(-1)).toBe('{"a":1}');
    expect((await post('/fail', true)).status).toBe(500);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const before = bodies.length;
    expect((await post('/moved', true)).status).toBe(302);
    expect(bodies.length).toBe(before + 1);
  });

  it('refuses a loopback address unless private addresses are allowed, sending nothing', async () => {
    const before = bodies.length;
    await expect(post('/ok', false)).rejects.toThrow(PublicFetchError);
    await expect(
      postPublic(
        `http://localhost:${port}/ok`,
        { body: '{}', headers: {} },
        { ...limits, allowPrivate: false },
      ),
    ).rejects.toThrow('private address');
    expect(bodies.length).toBe(before);
  });
});
