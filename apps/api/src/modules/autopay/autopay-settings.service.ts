import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUTOPAY_RETRY_OFFSETS, retryScheduleProblem } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { SettingsService } from '../settings';
import { AutopaySettingsDto } from './dto/autopay-settings.dto';

const KEY = 'autopay';

/** Settings → AutoPay: when declined charges are tried again. */
@Injectable()
export class AutopaySettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  get(manager: EntityManager = this.dataSource.manager): Promise<AutopaySettingsDto> {
    return this.read(manager);
  }

  /** The retry schedule the run, the forecast and the explainer judge by. */
  async retryOffsets(manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    return (await this.read(manager)).retryOffsetsDays;
  }

  update(actor: Actor, dto: AutopaySettingsDto): Promise<AutopaySettingsDto> {
    const problem = retryScheduleProblem(dto.retryOffsetsDays);
    if (problem) throw AppException.invalidField('retryOffsetsDays', problem);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.read(manager, { lock: true });
      const after: AutopaySettingsDto = { retryOffsetsDays: [...dto.retryOffsetsDays] };
      await this.settings.writeDocument(manager, KEY, after);
      await this.audit.record(manager, actor, {
        action: 'settings.autopay_updated',
        after: { ...after },
        before: { ...before },
        entityId: KEY,
        entityLabel: 'AutoPay settings',
        entityType: 'settings',
      });
      return after;
    });
  }

  private async read(
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<AutopaySettingsDto> {
    const stored = (await this.settings.readDocument(manager, KEY, options)) as {
      retryOffsetsDays?: number[];
    } | null;
    return { retryOffsetsDays: stored?.retryOffsetsDays ?? [...AUTOPAY_RETRY_OFFSETS] };
  }
}
