import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class HealthRepository {
  /** Needs a pool connection: fails (by timing out) while the pool cannot serve requests. */
  async ping(manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1');
  }
}
