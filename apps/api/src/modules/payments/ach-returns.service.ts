import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit/audit.service';
import {
  AchReturnResponseDto,
  CloseAchReturnDto,
  ListAchReturnsQueryDto,
} from './dto/ach-return.dto';
import { AchReturnStatus } from './ach-return.entity';
import { paymentNumber } from './payment-ledger';

/** Bank debits that came back, until staff resolve or dismiss them (both final, audited). */
@Injectable()
export class AchReturnsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListAchReturnsQueryDto): Promise<Page<AchReturnResponseDto>> {
    const params: unknown[] = [query.status ?? null];
    const rows = await this.dataSource.query(
      `SELECT r.*, p.sequence, o.name AS organization_name, count(*) OVER () AS total
         FROM ach_returns r JOIN payments p ON p.id = r.payment_id JOIN organizations o ON o.id = r.organization_id
        WHERE ($1::text IS NULL OR r.status = $1)
        ORDER BY r.created_at DESC LIMIT ${query.pageSize} OFFSET ${pageOffset(query)}`,
      params,
    );
    return toPage(rows.map(toResponse), rows.length ? Number(rows[0].total) : 0, query);
  }

  async close(
    auth: AuthContext,
    id: string,
    status: Exclude<AchReturnStatus, 'unresolved'>,
    dto: CloseAchReturnDto,
  ): Promise<AchReturnResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query(
        'SELECT status FROM ach_returns WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!current) throw AppException.notFound('ACH return');
      if (current.status !== 'unresolved')
        throw AppException.conflict(`This return was already ${current.status}; that is final`);
      await manager.query(
        `UPDATE ach_returns SET status = $2, note = $3, closed_by = $4, closed_at = now() WHERE id = $1`,
        [id, status, dto.note, auth.label],
      );
      await this.audit.record(
        auth,
        {
          action: `ach_return.${status}`,
          after: { note: dto.note, status },
          before: { status: 'unresolved' },
          entityId: id,
          entityType: 'ach_return',
        },
        manager,
      );
      const [row] = await manager.query(
        `SELECT r.*, p.sequence, o.name AS organization_name FROM ach_returns r
           JOIN payments p ON p.id = r.payment_id JOIN organizations o ON o.id = r.organization_id WHERE r.id = $1`,
        [id],
      );
      return toResponse(row);
    });
  }
}

function toResponse(row: Record<string, unknown>): AchReturnResponseDto {
  return {
    amount: Number(row.amount),
    closedAt: row.closed_at ? (row.closed_at as Date).toISOString() : null,
    closedBy: (row.closed_by as string | null) ?? null,
    createdAt: (row.created_at as Date).toISOString(),
    currency: row.currency as string,
    description: row.description as string,
    id: row.id as string,
    note: (row.note as string | null) ?? null,
    organizationId: row.organization_id as string,
    organizationName: row.organization_name as string,
    paymentId: row.payment_id as string,
    paymentNumber: paymentNumber(Number(row.sequence)),
    returnCode: row.return_code as string,
    status: row.status as AchReturnStatus,
  };
}
