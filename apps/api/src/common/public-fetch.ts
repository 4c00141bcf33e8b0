import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { IncomingHttpHeaders, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

/**
 * Addresses a URL from outside (a source system's link) must not make the server reach:
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast, reserved, and
 * their IPv6 forms, IPv4-mapped ones included.
 */
const NON_PUBLIC = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const)
    list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['64:ff9b::', 96],
    ['100::', 64],
    ['2001:db8::', 32],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (version !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  return !NON_PUBLIC.check(address, 'ipv6');
}

/** Why a fetch gave nothing to pass on; the message is safe to show the caller. */
export class PublicFetchError extends Error {}

export interface PublicFetchOptions {
  /** Reach private and loopback addresses too (a local demo, tests). */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export interface PublicFetchResponse {
  headers: IncomingHttpHeaders;
  /** The body, cut off with an error past `maxBytes`. */
  body: Readable;
}

/**
 * GETs an http(s) URL that came from outside without letting it reach the server's own network:
 * the name is resolved, and every address it resolves to checked, at connect time (so a name
 * cannot be re-pointed between a check and the connection), on each redirect too. Anything but
 * a 200 is a PublicFetchError.
 */
export async function fetchPublic(
  url: string,
  options: PublicFetchOptions,
): Promise<PublicFetchResponse> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await get(current, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= options.maxRedirects) throw new PublicFetchError('too many redirects');
      current = new URL(location, current).toString();
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new PublicFetchError(`the source answered ${status}`);
    }
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > options.maxBytes) {
      response.destroy();
      throw new PublicFetchError(`the file is larger than ${options.maxBytes} bytes`);
    }
    return { body: capped(response, options.maxBytes), headers: response.headers };
  }
}

export interface PublicPostResponse {
  status: number;
  /** The start of the body, as text, at most `maxBytes` of it. */
  body: string;
}

/**
 * POSTs to an http(s) URL someone outside chose (a webhook endpoint) under the same guard as
 * fetchPublic. Redirects are not followed: a 3xx is the answer.
 */
export async function postPublic(
  url: string,
  request: { headers: Record<string, string>; body: string },
  options: Omit<PublicFetchOptions, 'maxRedirects'>,
): Promise<PublicPostResponse> {
  const response = await send(url, options, { ...request, method: 'POST' });
  const chunks: Buffer[] = [];
  let seen = 0;
  return new Promise((resolve, reject) => {
    response.on('data', (chunk: Buffer) => {
      if (seen >= options.maxBytes) return;
      chunks.push(chunk);
      seen += chunk.length;
      // enough to show staff; the rest is not worth waiting for
      if (seen >= options.maxBytes) {
        response.destroy();
        finish();
      }
    });
    const finish = () =>
      resolve({
        body: Buffer.concat(chunks).subarray(0, options.maxBytes).toString('utf8'),
        status: response.statusCode ?? 0,
      });
    response.on('end', finish);
    response.on('error', (error) =>
      seen >= options.maxBytes
        ? finish()
        : reject(new PublicFetchError(`the answer was cut off (${errorCode(error)})`)),
    );
  });
}

function get(url: string, options: PublicFetchOptions): Promise<IncomingMessage> {
  return send(url, options, {
    body: null,
    headers: { accept: 'application/pdf, */*;q=0.5', 'user-agent': 'Settle' },
    method: 'GET',
  });
}

function send(
  url: string,
  options: Pick<PublicFetchOptions, 'allowPrivate' | 'timeoutMs'>,
  request: { method: 'GET' | 'POST'; headers: Record<string, string>; body: string | null },
): Promise<IncomingMessage> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new PublicFetchError('the link is not a URL'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(new PublicFetchError('the link is not http(s)'));
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An address written out is never looked up, so it is checked here.
  if (isIP(host) && !options.allowPrivate && !isPublicAddress(host))
    return Promise.reject(new PublicFetchError('the link points at a private address'));
  const open = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = open(
      target,
      {
        headers: request.headers,
        lookup: guardedLookup(options.allowPrivate),
        method: request.method,
        timeout: options.timeoutMs,
      },
      resolve,
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new PublicFetchError('the source did not answer in time')),
    );
    outgoing.on('error', (error) =>
      reject(
        error instanceof PublicFetchError
          ? error
          : new PublicFetchError(`the source could not be reached (${errorCode(error)})`),
      ),
    );
    outgoing.end(request.body ?? undefined);
  });
}

/** dns.lookup that refuses a name any of whose addresses is not public. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address)))
        return callback(new PublicFetchError('the link points at a private address'), '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function capped(source: IncomingMessage, maxBytes: number): Readable {
  let seen = 0;
  const body = new Readable({ read: () => source.resume() });
  source.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) {
      source.destroy();
      body.destroy(new PublicFetchError(`the file is larger than ${maxBytes} bytes`));
      return;
    }
    if (!body.push(chunk)) source.pause();
  });
  source.on('end', () => body.push(null));
  source.on('error', (error) => body.destroy(error));
  body.on('close', () => source.destroy());
  return body;
}

function errorCode(error: unknown): string {
  return (error as { code?: string }).code ?? 'error';
}
