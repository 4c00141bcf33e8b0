import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { todayIn } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { strongETag } from '../../common/etag';
import { AuditService } from '../audit';
import {
  BrandingResponseDto,
  DEFAULT_GENERAL_SETTINGS,
  GeneralSettingsDto,
} from './dto/general-settings.dto';
import { DEFAULT_SECURITY_SETTINGS, SecuritySettingsDto } from './dto/security-settings.dto';
import { SettingsRepository } from './settings.repository';

const GENERAL = 'general';
const SECURITY = 'security';
const ACCOUNTING = 'accounting';
const CACHE_MS = 5_000;

export interface MspCalendar {
  currency: string;
  timeZone: string;
  /** YYYY-MM-DD in the MSP's time zone. */
  today: string;
}

@Injectable()
export class SettingsService {
  /**
   * Nearly every A/R read needs the time zone and currency; other processes see a change within
   * CACHE_MS, this one at once.
   */
  private cached: { at: number; value: GeneralSettingsDto } | null = null;
  private cachedSecurity: { at: number; value: SecuritySettingsDto } | null = null;
  private brandingOf: { general: GeneralSettingsDto; body: string; etag: string } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async getGeneral(): Promise<GeneralSettingsDto> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const value = withDefaults(await this.settings.find(this.dataSource.manager, GENERAL));
    this.cached = { at: Date.now(), value };
    return value;
  }

  /**
   * The MSP's calendar day and reporting currency, which "past due" and A/R totals use. Read it
   * before a transaction opens: on a cold cache it needs a connection of its own.
   */
  async mspCalendar(now: Date = new Date()): Promise<MspCalendar> {
    const { defaultCurrency, timeZone } = await this.getGeneral();
    return { currency: defaultCurrency, timeZone, today: todayIn(timeZone, now) };
  }

  /**
   * The public branding document as the bytes to send and their strong ETag: with a logo it is
   * up to ~350 KB, which a browser revalidates instead of downloading again. Hashed once per
   * read of the settings, not per request.
   */
  async branding(): Promise<{ body: string; etag: string }> {
    const general = await this.getGeneral();
    if (this.brandingOf?.general !== general) {
      const { accentColor, logoDataUrl, mspName } = general;
      const document: BrandingResponseDto = { accentColor, logoDataUrl, mspName };
      const body = JSON.stringify(document);
      this.brandingOf = { body, etag: strongETag(body), general };
    }
    return this.brandingOf;
  }

  async updateGeneral(actor: Actor, dto: GeneralSettingsDto): Promise<GeneralSettingsDto> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const before = withDefaults(await this.settings.find(manager, GENERAL, { lock: true }));
      const after: GeneralSettingsDto = {
        accentColor: dto.accentColor.toLowerCase(),
        defaultCurrency: dto.defaultCurrency.toUpperCase(),
        logoDataUrl: dto.logoDataUrl ?? null,
        mspName: dto.mspName,
        timeZone: dto.timeZone,
      };
      await this.settings.save(manager, GENERAL, after);
      await this.audit.record(manager, actor, {
        action: 'settings.general_updated',
        after: withoutLogo(after),
        before: withoutLogo(before),
        entityId: GENERAL,
        entityLabel: 'General settings',
        entityType: 'settings',
      });
      return after;
    });
    this.cached = null;
    return saved;
  }

  /** Read on every staff request (two-factor enforcement): cached like the general settings. */
  async getSecurity(): Promise<SecuritySettingsDto> {
    if (this.cachedSecurity && Date.now() - this.cachedSecurity.at < CACHE_MS)
      return this.cachedSecurity.value;
    const stored = await this.settings.find(this.dataSource.manager, SECURITY);
    const value = { ...DEFAULT_SECURITY_SETTINGS, ...(stored as Partial<SecuritySettingsDto>) };
    this.cachedSecurity = { at: Date.now(), value };
    return value;
  }

  async updateSecurity(actor: Actor, dto: SecuritySettingsDto): Promise<SecuritySettingsDto> {
    // Turned on by someone who would at once be held at the enrolment page themselves.
    if (dto.requireTwoFactor && actor.kind === 'user' && !actor.twoFactorEnabled)
      throw AppException.rule('Set up two-factor sign-in for yourself before requiring it', [
        { field: 'requireTwoFactor', message: 'set up two-factor sign-in for yourself first' },
      ]);
    const saved = await this.dataSource.transaction(async (manager) => {
      const stored = await this.settings.find(manager, SECURITY, { lock: true });
      const before = { ...DEFAULT_SECURITY_SETTINGS, ...(stored as Partial<SecuritySettingsDto>) };
      const after: SecuritySettingsDto = { requireTwoFactor: dto.requireTwoFactor };
      await this.settings.save(manager, SECURITY, after);
      await this.audit.record(manager, actor, {
        action: 'settings.security_updated',
        after,
        before,
        entityId: SECURITY,
        entityLabel: 'Security settings',
        entityType: 'settings',
      });
      return after;
    });
    this.cachedSecurity = null;
    return saved;
  }

  /**
   * Whether an accounting integration pushes payments: a payment that succeeds meanwhile is queued
   * to be pushed, otherwise its accounting sync is not applicable. Off until the accounting
   * integration turns it on; read in the caller's transaction, never cached, so the payment and
   * the switch agree.
   */
  async accountingPushActive(manager: EntityManager): Promise<boolean> {
    const stored = await this.settings.find(manager, ACCOUNTING);
    return stored?.pushActive === true;
  }

  /** Turns the push of payments to accounting on or off (the accounting integration's call). */
  async setAccountingPushActive(manager: EntityManager, active: boolean): Promise<void> {
    const stored = await this.settings.find(manager, ACCOUNTING, { lock: true });
    await this.settings.save(manager, ACCOUNTING, { ...stored, pushActive: active });
  }

  /** Another module's settings document (e.g. `payments`), kept in this module's table. */
  readDocument(
    manager: EntityManager,
    key: string,
    options: { lock?: boolean } = {},
  ): Promise<Record<string, unknown> | null> {
    return this.settings.find(manager, key, options);
  }

  writeDocument(manager: EntityManager, key: string, value: object): Promise<void> {
    return this.settings.save(manager, key, value);
  }
}

function withDefaults(stored: Record<string, unknown> | null): GeneralSettingsDto {
  return { ...DEFAULT_GENERAL_SETTINGS, ...(stored as Partial<GeneralSettingsDto> | null) };
}

/** The audit log notes that the logo changed without storing the image twice. */
function withoutLogo(settings: GeneralSettingsDto): object {
  const { logoDataUrl, ...rest } = settings;
  return { ...rest, logo: logoDataUrl ? `${logoDataUrl.length} bytes` : null };
}
