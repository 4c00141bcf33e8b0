import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { hourIn } from '@settle/domain';
import { Queue } from 'bull';

import { JOB_OPTIONS, JobName, QueueName, QueueProcessor } from '../../../queues/queues';
import { SettingsService } from '../../settings';
import { StaffNotificationsService } from '../staff-notifications';
import { NoticeSettingsService } from './notice-settings.service';
import { NoticesService } from './notices.service';

/**
 * The scheduled emails' jobs on the emails queue. An hourly clock, not a cron at the send hour:
 * the hour and the MSP's time zone are settings that may change at any time, and the clock reads
 * them each hour, so nothing has to be re-registered when they do.
 */
@Injectable()
export class NoticesProcessor implements QueueProcessor {
  readonly queue = QueueName.emails;
  private readonly logger = new Logger(NoticesProcessor.name);

  constructor(
    @InjectQueue(QueueName.emails) private readonly emails: Queue,
    private readonly settings: SettingsService,
    private readonly noticeSettings: NoticeSettingsService,
    private readonly notices: NoticesService,
    private readonly staff: StaffNotificationsService,
  ) {}

  readonly handlers = {
    [JobName.emailClock]: () => this.tick(),
    [JobName.dailyNotices]: () => this.notices.run(),
    [JobName.staffDailySummary]: () => this.staff.dailySummary(),
  };

  async registerRecurring(): Promise<void> {
    await this.emails.add(
      JobName.emailClock,
      {},
      { ...JOB_OPTIONS[JobName.emailClock], repeat: { cron: '0 * * * *' } },
    );
  }

  /**
   * At the send hour, queues the day's jobs under ids of the day (an hour that comes twice when
   * clocks go back queues them once); every hour, the failures digest.
   */
  async tick(now = new Date()): Promise<{ sendHour: boolean }> {
    const [{ timeZone, today }, { sendHour }] = await Promise.all([
      this.settings.mspCalendar(now),
      this.noticeSettings.get(),
    ]);
    const isSendHour = hourIn(timeZone, now.getTime()) === sendHour;
    if (isSendHour) {
      await this.emails.add(
        JobName.dailyNotices,
        {},
        { ...JOB_OPTIONS[JobName.dailyNotices], jobId: `${JobName.dailyNotices}:${today}` },
      );
      await this.emails.add(
        JobName.staffDailySummary,
        {},
        {
          ...JOB_OPTIONS[JobName.staffDailySummary],
          jobId: `${JobName.staffDailySummary}:${today}`,
        },
      );
      this.logger.log({ today }, 'Daily notices and staff summary queued');
    }
    await this.staff.failuresDigest(now);
    return { sendHour: isSendHour };
  }
}
