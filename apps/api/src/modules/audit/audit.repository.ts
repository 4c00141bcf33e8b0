import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { AuditLogEntry } from './audit-log-entry.entity';
import { ListAuditLogQueryDto } from './dto/audit-log.dto';

export type NewAuditLogEntry = Pick<
  AuditLogEntry,
  | 'action'
  | 'actorId'
  | 'actorLabel'
  | 'actorType'
  | 'after'
  | 'before'
  | 'entityId'
  | 'entityLabel'
  | 'entityType'
  | 'organizationId'
  | 'requestId'
>;

@Injectable()
export class AuditRepository {
  /** The organization's name is read (not written) from its table, as it is at this moment. */
  async insert(manager: EntityManager, entry: NewAuditLogEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (action, actor_id, actor_label, actor_type, after, before, entity_id,
                             entity_type, request_id, entity_label, organization_id, organization_name)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11::uuid,
               (SELECT name FROM organizations WHERE id = $11::uuid))`,
      [
        entry.action,
        entry.actorId,
        entry.actorLabel,
        entry.actorType,
        entry.after && JSON.stringify(entry.after),
        entry.before && JSON.stringify(entry.before),
        entry.entityId,
        entry.entityType,
        entry.requestId,
        entry.entityLabel,
        entry.organizationId,
      ],
    );
  }

  list(
    manager: EntityManager,
    query: ListAuditLogQueryDto,
    page: { offset: number; limit: number },
  ): Promise<[AuditLogEntry[], number]> {
    const builder = manager
      .getRepository(AuditLogEntry)
      .createQueryBuilder('entry')
      .orderBy('entry.occurredAt', 'DESC');
    if (query.entityType)
      builder.andWhere('entry.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId)
      builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('entry.actorId = :actorId', { actorId: query.actorId });
    if (query.organizationId)
      builder.andWhere('entry.organizationId = :organizationId', {
        organizationId: query.organizationId,
      });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.q)
      builder.andWhere(
        `(entry.action ILIKE :q OR entry.actorLabel ILIKE :q OR entry.entityLabel ILIKE :q
          OR entry.organizationName ILIKE :q)`,
        {
          q: containsPattern(query.q),
        },
      );
    return builder.skip(page.offset).take(page.limit).getManyAndCount();
  }
}
