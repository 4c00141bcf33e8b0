import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { todayIn } from '@settle/domain';
import { DataSource } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { AuditService } from '../audit/audit.service';
import {
  BrandingResponseDto,
  DEFAULT_GENERAL_SETTINGS,
  GeneralSettingsDto,
} from './dto/general-settings.dto';
import { Setting } from './setting.entity';

const GENERAL = 'general';
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async getGeneral(): Promise<GeneralSettingsDto> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const row = await this.dataSource.getRepository(Setting).findOneBy({ key: GENERAL });
    const value = {
      ...DEFAULT_GENERAL_SETTINGS,
      ...(row?.value as Partial<GeneralSettingsDto> | undefined),
    };
    this.cached = { at: Date.now(), value };
    return value;
  }

  /** The MSP's calendar day and reporting currency, which "past due" and A/R totals use. */
  async mspCalendar(now: Date = new Date()): Promise<MspCalendar> {
    const { defaultCurrency, timeZone } = await this.getGeneral();
    return { currency: defaultCurrency, timeZone, today: todayIn(timeZone, now) };
  }

  async getBranding(): Promise<BrandingResponseDto> {
    const { accentColor, logoDataUrl, mspName } = await this.getGeneral();
    return { accentColor, logoDataUrl, mspName };
  }

  async updateGeneral(actor: Actor, dto: GeneralSettingsDto): Promise<GeneralSettingsDto> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Setting);
      const current = await repository.findOne({
        lock: { mode: 'pessimistic_write' },
        where: { key: GENERAL },
      });
      const before = {
        ...DEFAULT_GENERAL_SETTINGS,
        ...(current?.value as Partial<GeneralSettingsDto> | undefined),
      };
      const after: GeneralSettingsDto = {
        accentColor: dto.accentColor.toLowerCase(),
        defaultCurrency: dto.defaultCurrency.toUpperCase(),
        logoDataUrl: dto.logoDataUrl ?? null,
        mspName: dto.mspName,
        timeZone: dto.timeZone,
      };
      await repository.save({ key: GENERAL, value: { ...after } });
      this.cached = null;
      await this.audit.record(
        actor,
        {
          action: 'settings.general_updated',
          after: withoutLogo(after),
          before: withoutLogo(before),
          entityType: 'settings',
          entityId: GENERAL,
        },
        manager,
      );
      return after;
    });
  }
}

/** The audit log notes that the logo changed without storing the image twice. */
function withoutLogo(settings: GeneralSettingsDto): object {
  const { logoDataUrl, ...rest } = settings;
  return { ...rest, logo: logoDataUrl ? `${logoDataUrl.length} bytes` : null };
}
