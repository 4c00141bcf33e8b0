import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { AchReturnStatus } from './ach-return.entity';
import { AchReturnRow, AchReturnsRepository } from './ach-returns.repository';
import {
  AchReturnResponseDto,
  CloseAchReturnDto,
  ListAchReturnsQueryDto,
} from './dto/ach-return.dto';
import { paymentNumber } from './payment-ledger';

/** Bank debits that came back, until staff resolve or dismiss them (both final, audited). */
@Injectable()
export class AchReturnsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly returns: AchReturnsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListAchReturnsQueryDto): Promise<Page<AchReturnResponseDto>> {
    const { rows, total } = await this.returns.list(this.dataSource.manager, {
      limit: query.pageSize,
      offset: pageOffset(query),
      status: query.status,
    });
    return toPage(rows.map(toResponse), total, query);
  }

  async close(
    auth: AuthContext,
    id: string,
    status: Exclude<AchReturnStatus, 'unresolved'>,
    dto: CloseAchReturnDto,
  ): Promise<AchReturnResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.returns.findForUpdate(manager, id);
      if (!current) throw AppException.notFound('ACH return');
      if (current.status !== 'unresolved')
        throw AppException.conflict(`This return was already ${current.status}; that is final`);
      await this.returns.close(manager, id, { closedBy: auth.label, note: dto.note, status });
      const { rows } = await this.returns.list(manager, { id, limit: 1, offset: 0 });
      const closed = rows[0];
      await this.audit.record(manager, auth, {
        action: `ach_return.${status}`,
        after: { note: dto.note, status },
        before: { status: 'unresolved' },
        entityId: id,
        entityLabel: `${paymentNumber(closed.sequence)} (${closed.returnCode})`,
        entityType: 'ach_return',
        organizationId: closed.organizationId,
      });
      return toResponse(closed);
    });
  }
}

function toResponse(row: AchReturnRow): AchReturnResponseDto {
  return {
    amount: row.amount,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedBy: row.closedBy,
    createdAt: row.createdAt.toISOString(),
    currency: row.currency,
    description: row.description,
    id: row.id,
    note: row.note,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    paymentId: row.paymentId,
    paymentNumber: paymentNumber(row.sequence),
    returnCode: row.returnCode,
    status: row.status,
  };
}
