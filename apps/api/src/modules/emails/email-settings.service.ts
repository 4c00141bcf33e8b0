import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import { SettingsService } from '../settings';
import {
  EmailPreviewDto,
  EmailSettingsResponseDto,
  EmailTemplateDto,
  EmailTemplateListDto,
  PreviewEmailTemplateDto,
  SmtpSource,
  UpdateEmailSettingsDto,
  UpdateEmailTemplateDto,
} from './dto/email-settings.dto';
import { EMAIL_TYPE_INFO, renderEmail, SAMPLE_TEMPLATE_DATA } from './templates';
import { Branding, EMAIL_TYPES, EmailType, TemplateOverrides } from './templates';

const SETTINGS_KEY = 'email';
const TEMPLATES_KEY = 'email_templates';
const CACHE_MS = 5_000;
export const DEFAULT_FROM = 'settle@localhost';

interface StoredEmailSettings {
  /** Sealed with SecretBox: it carries the SMTP password. */
  smtpUrl: string | null;
  from: string;
  replyTo: string | null;
}

type StoredTemplates = Partial<Record<EmailType, { subject: string | null; intro: string | null }>>;

/** Where email goes (the SMTP URL opened), who it is from, and the MSP's template texts. */
export interface EmailDelivery {
  smtpUrl: string | null;
  smtpSource: SmtpSource;
  from: string;
  replyTo: string | null;
}

/** What rendering needs, read before a transaction opens. */
export interface RenderingSettings {
  branding: Branding;
  overrides: StoredTemplates;
}

/** Settings → Email: the SMTP server (sealed at rest like gateway secrets) and the templates. */
@Injectable()
export class EmailSettingsService {
  private readonly box: SecretBox;
  private cached: { at: number; delivery: EmailDelivery; templates: StoredTemplates } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
  }

  async delivery(): Promise<EmailDelivery> {
    return (await this.current()).delivery;
  }

  async rendering(): Promise<RenderingSettings> {
    const [{ templates }, branding] = await Promise.all([this.current(), this.branding()]);
    return { branding, overrides: templates };
  }

  async describe(): Promise<EmailSettingsResponseDto> {
    const { from, replyTo, smtpSource } = await this.delivery();
    return { from, replyTo, smtpConfigured: smtpSource !== 'none', smtpSource };
  }

  async update(actor: Actor, dto: UpdateEmailSettingsDto): Promise<EmailSettingsResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.readSettings(manager, { lock: true });
      const after: StoredEmailSettings = {
        from: dto.from.trim(),
        replyTo: dto.replyTo?.trim() ?? null,
        smtpUrl:
          dto.smtpUrl === undefined
            ? before.smtpUrl
            : dto.smtpUrl === null
              ? null
              : this.box.seal(dto.smtpUrl),
      };
      await this.settings.writeDocument(manager, SETTINGS_KEY, after);
      await this.audit.record(manager, actor, {
        action: 'settings.email_updated',
        after: redact(after),
        before: redact(before),
        entityId: SETTINGS_KEY,
        entityLabel: 'Email settings',
        entityType: 'settings',
      });
    });
    this.cached = null;
    return this.describe();
  }

  async templates(): Promise<EmailTemplateListDto> {
    const { templates } = await this.current();
    return { data: EMAIL_TYPES.map((type) => toTemplate(type, templates)) };
  }

  async updateTemplate(
    actor: Actor,
    type: EmailType,
    dto: UpdateEmailTemplateDto,
  ): Promise<EmailTemplateDto> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const stored = await this.readTemplates(manager, { lock: true });
      const before = toTemplate(type, stored);
      if (dto.subject === null && dto.intro === null) delete stored[type];
      else stored[type] = { intro: dto.intro, subject: dto.subject };
      await this.settings.writeDocument(manager, TEMPLATES_KEY, stored);
      const after = toTemplate(type, stored);
      await this.audit.record(manager, actor, {
        action: 'settings.email_template_updated',
        after: { intro: after.intro, subject: after.subject },
        before: { intro: before.intro, subject: before.subject },
        entityId: type,
        entityLabel: `${EMAIL_TYPE_INFO[type].label} email`,
        entityType: 'settings',
      });
      return after;
    });
    this.cached = null;
    return saved;
  }

  /** Unsaved texts are previewed over the saved ones; sample data, the MSP's branding. */
  async preview(type: EmailType, dto: PreviewEmailTemplateDto): Promise<EmailPreviewDto> {
    const { branding, overrides } = await this.rendering();
    const saved: TemplateOverrides = overrides[type] ?? {};
    return renderEmail(type, SAMPLE_TEMPLATE_DATA[type], {
      branding,
      overrides: {
        intro: dto.intro ?? saved.intro ?? null,
        subject: dto.subject ?? saved.subject ?? null,
      },
    });
  }

  private async branding(): Promise<Branding> {
    const { accentColor, logoDataUrl, mspName } = await this.settings.getGeneral();
    return { accentColor, logoDataUrl, mspName };
  }

  private async current() {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const manager = this.dataSource.manager;
    const [stored, templates] = await Promise.all([
      this.readSettings(manager),
      this.readTemplates(manager),
    ]);
    const fromSettings = stored.smtpUrl && this.box.open(stored.smtpUrl);
    const fromEnvironment = this.config.env.SMTP_URL ?? null;
    const delivery: EmailDelivery = {
      from: stored.from,
      replyTo: stored.replyTo,
      smtpSource: fromSettings ? 'settings' : fromEnvironment ? 'environment' : 'none',
      smtpUrl: fromSettings || fromEnvironment,
    };
    this.cached = { at: Date.now(), delivery, templates };
    return this.cached;
  }

  private async readSettings(
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<StoredEmailSettings> {
    const value = ((await this.settings.readDocument(manager, SETTINGS_KEY, options)) ??
      {}) as Partial<StoredEmailSettings>;
    return {
      from: value.from ?? DEFAULT_FROM,
      replyTo: value.replyTo ?? null,
      smtpUrl: value.smtpUrl ?? null,
    };
  }

  private async readTemplates(
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<StoredTemplates> {
    return ((await this.settings.readDocument(manager, TEMPLATES_KEY, options)) ??
      {}) as StoredTemplates;
  }
}

function toTemplate(type: EmailType, stored: StoredTemplates): EmailTemplateDto {
  const info = EMAIL_TYPE_INFO[type];
  const own = stored[type];
  const subject = own?.subject ?? null;
  const intro = own?.intro ?? null;
  return {
    audience: info.audience,
    category: info.category,
    customized: subject !== null || intro !== null,
    defaultIntro: info.defaultIntro,
    defaultSubject: info.defaultSubject,
    intro,
    label: info.label,
    subject,
    type,
  };
}

function redact(settings: StoredEmailSettings): object {
  return { ...settings, smtpUrl: settings.smtpUrl ? 'set' : null };
}
