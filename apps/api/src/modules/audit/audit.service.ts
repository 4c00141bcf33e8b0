import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { ListQueryDto, Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AuditLogEntry } from './audit-log-entry.entity';
import {
  AuditLogEntryResponseDto,
  ListAuditLogQueryDto,
  toAuditLogEntryResponse,
} from './dto/audit-log.dto';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
  ) {}

  /**
   * Records what an actor did. Pass the use case's transaction manager so the entry commits or
   * rolls back with the change it describes.
   */
  async record(actor: Actor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditLogEntry) : this.entries;
    await repository.insert({
      // jsonb columns: TypeORM's deep-partial typing does not fit free-form objects.
      action: record.action,
      actorId: actor.kind === 'system' ? null : actor.id,
      actorLabel: actor.kind === 'system' ? 'Settle' : actor.label,
      actorType: actor.kind,
      after: toJson(record.after) as never,
      before: toJson(record.before) as never,
      entityId: record.entityId ?? null,
      entityType: record.entityType,
      requestId: actor.requestId,
    });
  }

  async list(query: ListAuditLogQueryDto): Promise<Page<AuditLogEntryResponseDto>> {
    const builder = this.entries.createQueryBuilder('entry').orderBy('entry.occurredAt', 'DESC');
    if (query.entityType)
      builder.andWhere('entry.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId)
      builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('entry.actorId = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.q) {
      builder.andWhere('(entry.action ILIKE :q OR entry.actorLabel ILIKE :q)', {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    const [rows, total] = await builder
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(rows.map(toAuditLogEntryResponse), total, query as ListQueryDto);
  }
}

function toJson(value: object | null | undefined): Record<string, unknown> | null {
  return value ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : null;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
