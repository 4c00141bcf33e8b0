import { getQueueToken } from '@nestjs/bull';
import { Queue } from 'bull';
import { execFile } from 'node:child_process';

import { JobName, QueueName } from '../../src/queues/queues';
import { TestApp } from './test-app';

export interface EmailSummary {
  id: string;
  type: string;
  status: string;
  to: string[];
  subject: string;
  organizationId: string | null;
  contactId: string | null;
  paymentId: string | null;
  resentFromId: string | null;
  lastError: string | null;
  attempts: number;
  sentAt: string | null;
}

export interface EmailDetail extends EmailSummary {
  html: string;
  text: string;
  messageId: string | null;
  smtpResponse: string | null;
  attachments: { index: number; filename: string; contentType: string; size: number }[];
  events: { type: string; at: string; detail: string | null }[];
}

/** The seeded access profiles by name ("Billing Admin" receives account emails, "User" not). */
export async function accessProfiles(t: TestApp, bearer: string): Promise<Record<string, string>> {
  const list = await t.http.get('/api/v1/access-profiles').set('authorization', bearer).expect(200);
  return Object.fromEntries(
    list.body.data.map((p: { name: string; id: string }) => [p.name, p.id]),
  );
}

export async function addContact(
  t: TestApp,
  bearer: string,
  organizationId: string,
  body: {
    firstName: string;
    lastName: string;
    email: string;
    accessProfileId?: string | null;
    isDefaultNotification?: boolean;
  },
): Promise<{ id: string; email: string }> {
  const response = await t.http
    .post(`/api/v1/organizations/${organizationId}/contacts`)
    .set('authorization', bearer)
    .send(body);
  if (response.status !== 201)
    throw new Error(`add contact: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function emailsOf(
  t: TestApp,
  bearer: string,
  query: Record<string, string>,
): Promise<EmailSummary[]> {
  const response = await t.http
    .get('/api/v1/emails')
    .query({ pageSize: '200', ...query })
    .set('authorization', bearer)
    .expect(200);
  return response.body.data;
}

export async function emailDetail(t: TestApp, bearer: string, id: string): Promise<EmailDetail> {
  return (await t.http.get(`/api/v1/emails/${id}`).set('authorization', bearer).expect(200)).body;
}

export function eventTypes(email: EmailDetail): string[] {
  return email.events.map((e) => e.type);
}

/**
 * The text of a PDF, read by pdf-parse in a child process: pdf.js loads its worker with a dynamic
 * import, which jest's module sandbox does not allow.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require(${JSON.stringify(require.resolve('pdf-parse'))});
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const { text } = await parser.getText();
      await parser.destroy();
      process.stdout.write(text);
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], (error, stdout, stderr) =>
      error ? reject(new Error(`pdf-parse failed: ${stderr || error.message}`)) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}

/**
 * Stops this app turning outbox events into emails, for tests that count every row a request
 * writes: the dispatcher would otherwise write emails for earlier payments at any moment.
 */
export async function stopEmailDispatch(t: TestApp): Promise<void> {
  const queue = t.app.get<Queue>(getQueueToken(QueueName.emails), { strict: false });
  for (const job of await queue.getRepeatableJobs())
    if (job.name === JobName.dispatchOutbox) await queue.removeRepeatableByKey(job.key);
}
