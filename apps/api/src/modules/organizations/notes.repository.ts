import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OrganizationNote } from './organization-note.entity';

/** The organization_notes table. */
@Injectable()
export class NotesRepository {
  list(
    manager: EntityManager,
    organizationId: string,
    page: { offset: number; limit: number },
  ): Promise<[OrganizationNote[], number]> {
    return manager.getRepository(OrganizationNote).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: page.offset,
      take: page.limit,
      where: { organizationId },
    });
  }

  findForUpdate(
    manager: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<OrganizationNote | null> {
    return manager.getRepository(OrganizationNote).findOne({
      lock: { mode: 'pessimistic_write' },
      where: { id, organizationId },
    });
  }

  save(manager: EntityManager, note: Partial<OrganizationNote>): Promise<OrganizationNote> {
    return manager
      .getRepository(OrganizationNote)
      .save(manager.getRepository(OrganizationNote).create(note));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(OrganizationNote).delete(id);
  }
}
