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
  | 'entityType'
  | 'requestId'
>;

@Injectable()
export class AuditRepository {
  async insert(manager: EntityManager, entry: NewAuditLogEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (action, actor_id, actor_label, actor_type, after, before, entity_id, entity_type, request_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)`,
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
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.q)
      builder.andWhere('(entry.action ILIKE :q OR entry.actorLabel ILIKE :q)', {
        q: containsPattern(query.q),
      });
    return builder.skip(page.offset).take(page.limit).getManyAndCount();
  }
}
