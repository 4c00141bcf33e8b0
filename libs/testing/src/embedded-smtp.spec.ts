import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTransport } from 'nodemailer';

/**
 * The mail catcher of `npm start`, spoken to by nodemailer as the API will. @settle/embedded is
 * ESM, which jest's CommonJS sandbox cannot load, so a driver process starts it.
 */

const ROOT = resolve(__dirname, '../../..');
const DRIVER = join(ROOT, 'libs/embedded/test/smtp-driver.mjs');
const MAIL_DIR = join(ROOT, '.tmp', `smtp-${process.pid}`, 'mail');
const FILE_NAME = /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{8}\.eml$/;

let driver: ChildProcess;
let driverExit: Promise<number | null>;
let url: string;
let port: number;
let stopped = false;

beforeAll(async () => {
  rmSync(join(MAIL_DIR, '..'), { force: true, recursive: true });
  driver = spawn(process.execPath, [DRIVER, MAIL_DIR], { stdio: ['pipe', 'pipe', 'inherit'] });
  // 'close', not 'exit': by then every line it wrote has been read.
  driverExit = new Promise((resolveExit) => driver.once('close', (code) => resolveExit(code)));
  ({ port, url } = await new Promise<{ port: number; url: string }>((resolveStarted, reject) => {
    createInterface({ input: driver.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { port?: number; url?: string; stopped?: boolean };
      if (message.url && message.port) resolveStarted({ port: message.port, url: message.url });
      if (message.stopped) stopped = true;
    });
    void driverExit.then((code) => reject(new Error(`driver exited early (${code})`)));
  }));
}, 30_000);

afterAll(async () => {
  if (driver.exitCode === null && driver.signalCode === null) {
    driver.stdin!.end();
    const timer = setTimeout(() => driver.kill('SIGKILL'), 10_000);
    await driverExit;
    clearTimeout(timer);
  }
  rmSync(join(MAIL_DIR, '..'), { force: true, recursive: true });
});

function kept(): string[] {
  return readdirSync(MAIL_DIR).sort();
}

describe('the embedded mail catcher', () => {
  it('listens on a loopback SMTP URL', () => {
    expect(url).toBe(`smtp://127.0.0.1:${port}`);
  });

  it('keeps a message nodemailer sends as an .eml file that parses back to what was sent', async () => {
    const before = new Set(kept());
    const transport = createTransport(url);
    const info = await transport.sendMail({
      attachments: [
        {
          content: '%PDF-1.4 statement',
          contentType: 'application/pdf',
          filename: 'statement.pdf',
        },
      ],
      from: 'Settle <billing@msp.example>',
      html: '<p>You owe <strong>$1,234.56</strong>.</p>',
      subject: 'Your account summary — Pawnee Parks',
      text: 'You owe $1,234.56.',
      to: 'leslie@pawnee.example',
    });
    transport.close();
    expect(info.accepted).toEqual(['leslie@pawnee.example']);

    const added = kept().filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(FILE_NAME);
    const raw = readFileSync(join(MAIL_DIR, added[0]));
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Your account summary — Pawnee Parks');
    expect(parsed.text?.trim()).toBe('You owe $1,234.56.');
    expect(parsed.html).toContain('<strong>$1,234.56</strong>');
    expect(parsed.from?.value).toEqual([{ address: 'billing@msp.example', name: 'Settle' }]);
    expect(parsed.messageId).toBe(info.messageId);
    expect(
      parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()]),
    ).toEqual([['statement.pdf', 'application/pdf', '%PDF-1.4 statement']]);
  });

  it('accepts any sender and recipients, and credentials it does not check', async () => {
    const before = new Set(kept());
    const transport = createTransport(`smtp://anyone:any-password@127.0.0.1:${port}`);
    const sends = ['one', 'two', 'three'].map((n) =>
      transport.sendMail({
        bcc: 'hidden@elsewhere.example',
        from: `${n}@sender.example`,
        subject: `Message ${n}`,
        text: `Body ${n}`,
        to: [`${n}@a.example`, `${n}@b.example`],
      }),
    );
    const infos = await Promise.all(sends);
    transport.close();
    for (const info of infos) expect(info.rejected).toEqual([]);

    const added = kept().filter((name) => !before.has(name));
    expect(added).toHaveLength(3);
    const subjects = await Promise.all(
      added.map(async (name) => (await simpleParser(readFileSync(join(MAIL_DIR, name)))).subject),
    );
    expect(subjects.sort()).toEqual(['Message one', 'Message three', 'Message two']);
    // Nothing half-written is left behind.
    expect(readdirSync(MAIL_DIR).filter((name) => !FILE_NAME.test(name))).toEqual([]);
  });

  it('stops listening when stopped', async () => {
    driver.stdin!.end();
    expect(await driverExit).toBe(0);
    expect(stopped).toBe(true);
    const refused = await new Promise<boolean>((resolveProbe) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolveProbe(false);
      });
      socket.once('error', () => resolveProbe(true));
    });
    expect(refused).toBe(true);
  });
});
