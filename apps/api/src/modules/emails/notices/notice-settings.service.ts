import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../../common/auth-context';
import { AuditService } from '../../audit';
import { SettingsService } from '../../settings';
import { NoticeSettingsDto } from './dto/notice-settings.dto';

const KEY = 'email_notices';

/** Off until an admin turns them on: a new install never mails customers on its own. */
export const DEFAULT_NOTICE_SETTINGS: NoticeSettingsDto = {
  dueSoonDays: [],
  methodExpiry: false,
  newInvoice: false,
  pastDueDays: [],
  sendHour: 8,
};

/** Settings → Email → Notices, one settings document. */
@Injectable()
export class NoticeSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  get(manager: EntityManager = this.dataSource.manager): Promise<NoticeSettingsDto> {
    return this.read(manager);
  }

  async update(actor: Actor, dto: NoticeSettingsDto): Promise<NoticeSettingsDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.read(manager, { lock: true });
      // Reminders in the order they go out: furthest from the due date first, then after it.
      const after: NoticeSettingsDto = {
        dueSoonDays: [...dto.dueSoonDays].sort((a, b) => b - a),
        methodExpiry: dto.methodExpiry,
        newInvoice: dto.newInvoice,
        pastDueDays: [...dto.pastDueDays].sort((a, b) => a - b),
        sendHour: dto.sendHour,
      };
      await this.settings.writeDocument(manager, KEY, after);
      await this.audit.record(manager, actor, {
        action: 'settings.email_notices_updated',
        after,
        before,
        entityId: KEY,
        entityLabel: 'Email notices',
        entityType: 'settings',
      });
      return after;
    });
  }

  private async read(
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<NoticeSettingsDto> {
    const stored = (await this.settings.readDocument(
      manager,
      KEY,
      options,
    )) as Partial<NoticeSettingsDto> | null;
    return { ...DEFAULT_NOTICE_SETTINGS, ...stored };
  }
}
