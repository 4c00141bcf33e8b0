import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Integration } from './integration.entity';

/** The integrations table. */
@Injectable()
export class IntegrationsRepository {
  insert(manager: EntityManager, integration: Partial<Integration>): Promise<Integration> {
    const repository = manager.getRepository(Integration);
    return repository.save(repository.create(integration));
  }

  find(manager: EntityManager, id: string, options: { lock?: boolean } = {}) {
    return manager.getRepository(Integration).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  all(manager: EntityManager): Promise<Integration[]> {
    return manager.getRepository(Integration).find({ order: { createdAt: 'ASC' } });
  }

  async update(manager: EntityManager, id: string, changes: Partial<Integration>): Promise<void> {
    await manager.getRepository(Integration).update(id, changes);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Integration).delete(id);
  }
}
