import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AuditRepository } from './audit.repository';
import {
  AuditLogEntryResponseDto,
  ListAuditLogQueryDto,
  toAuditLogEntryResponse,
} from './dto/audit-log.dto';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What a reader calls the entity now: a payment number, a name, an email. */
  entityLabel?: string | null;
  /** The organization the change concerns; its name is captured with the entry. */
  organizationId?: string | null;
  before?: object | null;
  after?: object | null;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: AuditRepository,
  ) {}

  /**
   * Records what an actor did, in the use case's transaction: the entry commits or rolls back
   * with the change it describes.
   */
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await this.entries.insert(manager, {
      action: record.action,
      actorId: actor.kind === 'system' ? null : actor.id,
      actorLabel: actor.kind === 'system' ? 'Settle' : actor.label,
      actorType: actor.kind,
      after: toJson(record.after),
      before: toJson(record.before),
      entityId: record.entityId ?? null,
      entityLabel: record.entityLabel?.slice(0, 254) ?? null,
      entityType: record.entityType,
      organizationId: record.organizationId ?? null,
      requestId: actor.requestId,
    });
  }

  async list(query: ListAuditLogQueryDto): Promise<Page<AuditLogEntryResponseDto>> {
    const [rows, total] = await this.entries.list(this.dataSource.manager, query, {
      limit: query.pageSize,
      offset: pageOffset(query),
    });
    return toPage(rows.map(toAuditLogEntryResponse), total, query);
  }
}

function toJson(value: object | null | undefined): Record<string, unknown> | null {
  return value ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : null;
}
