import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createTransport } from 'nodemailer';

import { startTestSmtpServer, TestSmtpServer } from './server';

describe('the test SMTP server', () => {
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    smtp = await startTestSmtpServer();
  });
  afterEach(() => smtp.close());

  const send = (to: string) =>
    createTransport({ url: smtp.url }).sendMail({
      from: 'Acme <billing@acme.test>',
      html: '<p>Hello <b>Dana</b></p>',
      subject: 'Receipt',
      text: 'Hello Dana',
      to,
    });

  it('accepts a message over SMTP and keeps it parsed, with its envelope', async () => {
    const info = await send('dana@example.com');
    expect(info.response).toMatch(/^250 /);
    const [message] = await smtp.waitForMessages(1);
    expect(message.envelope).toEqual({ from: 'billing@acme.test', to: ['dana@example.com'] });
    expect(message.parsed.subject).toBe('Receipt');
    expect(message.parsed.text?.trim()).toBe('Hello Dana');
    expect(message.parsed.html).toContain('<b>Dana</b>');
    expect(message.raw.toString()).toContain('Subject: Receipt');
  });

  it('answers the next DATA with the reply it was told, then accepts again', async () => {
    smtp.rejectNext(550, 'Mailbox unavailable');
    await expect(send('dana@example.com')).rejects.toMatchObject({
      response: expect.stringMatching(/^550 Mailbox unavailable/),
      responseCode: 550,
    });
    expect(smtp.messages).toHaveLength(0);
    await send('dana@example.com');
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it('can refuse a recipient instead', async () => {
    smtp.rejectNext(451, 'Try again later', 'rcpt');
    await expect(send('lee@example.com')).rejects.toMatchObject({ responseCode: 451 });
  });

  it('gives up waiting with a message that says how many arrived', async () => {
    await expect(smtp.waitForMessages(1, 50)).rejects.toThrow('received 0 of 1 messages');
  });
});
