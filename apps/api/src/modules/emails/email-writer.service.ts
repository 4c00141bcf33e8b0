import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { MspCalendar, SettingsService } from '../settings';
import { EmailSettingsService, RenderingSettings } from './email-settings.service';
import { EmailStatus } from './email.entity';
import { EmailsRepository } from './emails.repository';
import { EMAIL_TYPE_INFO, renderEmail } from './templates';
import { EmailTemplateData, EmailType } from './templates';

/** An email about to be written: who it is for, what it is about, and its template data. */
export interface EmailDraft<T extends EmailType = EmailType> {
  type: T;
  data: EmailTemplateData[T];
  to: string[];
  organizationId: string | null;
  contactId: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  staffUserId: string | null;
  /** Set for emails an event triggers, so that it is written once however often it is handled. */
  dedupeKey: string | null;
  /** Why it is not sent (an exclusion, no address); it is still written, with this reason. */
  skipReason: string | null;
  /** Why it was written: the event or the person that asked for it. */
  trigger: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** Everything read before the transaction that writes emails: settings need connections of their own. */
export interface EmailContext {
  rendering: RenderingSettings;
  calendar: MspCalendar;
  publicUrl: string;
}

export interface WrittenEmail {
  id: string;
  status: Extract<EmailStatus, 'queued' | 'skipped'>;
}

/** Renders drafts with the MSP's branding and texts and writes them, with their first events. */
@Injectable()
export class EmailWriter {
  constructor(
    private readonly emails: EmailsRepository,
    private readonly settings: EmailSettingsService,
    private readonly general: SettingsService,
    private readonly config: AppConfig,
  ) {}

  async context(): Promise<EmailContext> {
    const [rendering, calendar] = await Promise.all([
      this.settings.rendering(),
      this.general.mspCalendar(),
    ]);
    return { calendar, publicUrl: this.config.env.PUBLIC_URL, rendering };
  }

  /** A portal link: absolute, under /portal/. */
  portalUrl(context: EmailContext, path = ''): string {
    return `${context.publicUrl}/portal/${path}`;
  }

  /**
   * Writes each draft in the caller's transaction; a draft whose dedupe key was written before is
   * left out of the result (it exists already, and was or will be sent once).
   */
  async write(
    manager: EntityManager,
    drafts: EmailDraft[],
    context: EmailContext,
  ): Promise<WrittenEmail[]> {
    const written: WrittenEmail[] = [];
    for (const draft of drafts) {
      const rendered = await renderEmail(draft.type, draft.data, {
        branding: context.rendering.branding,
        overrides: context.rendering.overrides[draft.type],
      });
      const id = randomUUID();
      const status = draft.skipReason === null ? 'queued' : 'skipped';
      const inserted = await this.emails.insert(manager, {
        category: EMAIL_TYPE_INFO[draft.type].category,
        contactId: draft.contactId,
        dedupeKey: draft.dedupeKey,
        html: rendered.html,
        id,
        invoiceId: draft.invoiceId,
        lastError: draft.skipReason,
        organizationId: draft.organizationId,
        paymentId: draft.paymentId,
        resentFromId: null,
        staffUserId: draft.staffUserId,
        status,
        subject: rendered.subject,
        templateData: draft.data as unknown as Record<string, unknown>,
        text: rendered.text,
        to: draft.to,
        type: draft.type,
      });
      if (!inserted) continue;
      await this.emails.insertEvents(manager, [
        { detail: draft.trigger, emailId: id, type: 'triggered' },
        status === 'queued'
          ? { detail: `To ${draft.to.join(', ')}`, emailId: id, type: 'queued' }
          : { detail: draft.skipReason, emailId: id, type: 'skipped' },
      ]);
      await this.emails.insertAttachments(
        manager,
        (draft.attachments ?? []).map((a, index) => ({ ...a, emailId: id, index })),
      );
      written.push({ id, status });
    }
    return written;
  }
}
