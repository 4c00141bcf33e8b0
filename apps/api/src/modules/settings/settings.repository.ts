import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Setting } from './setting.entity';

/** The settings table: one JSON document per key. */
@Injectable()
export class SettingsRepository {
  async find(
    manager: EntityManager,
    key: string,
    options: { lock?: boolean } = {},
  ): Promise<Record<string, unknown> | null> {
    const row = await manager.getRepository(Setting).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { key },
    });
    return row?.value ?? null;
  }

  async save(manager: EntityManager, key: string, value: object): Promise<void> {
    await manager.getRepository(Setting).upsert({ key, value: { ...value } }, ['key']);
  }
}
