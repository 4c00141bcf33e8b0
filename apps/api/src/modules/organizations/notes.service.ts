import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit/audit.service';
import { ListNotesQueryDto, NoteBodyDto, NoteResponseDto, toNoteResponse } from './dto/note.dto';
import { OrganizationNote } from './organization-note.entity';
import { OrganizationsService } from './organizations.service';

@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string, query: ListNotesQueryDto): Promise<Page<NoteResponseDto>> {
    await this.organizations.findOrFail(this.dataSource.manager, organizationId);
    const [rows, total] = await this.dataSource.getRepository(OrganizationNote).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: pageOffset(query),
      take: query.pageSize,
      where: { organizationId },
    });
    return toPage(rows.map(toNoteResponse), total, query);
  }

  async create(
    auth: AuthContext,
    organizationId: string,
    dto: NoteBodyDto,
  ): Promise<NoteResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.organizations.findOrFail(manager, organizationId);
      const note = await manager.save(
        manager.create(OrganizationNote, {
          authorId: auth.kind === 'user' ? auth.id : null,
          authorName: auth.name,
          body: dto.body,
          organizationId,
        }),
      );
      const response = toNoteResponse(note);
      await this.audit.record(
        auth,
        {
          action: 'organization_note.created',
          after: response,
          entityId: note.id,
          entityType: 'organization_note',
        },
        manager,
      );
      return response;
    });
  }

  async update(
    auth: AuthContext,
    organizationId: string,
    noteId: string,
    dto: NoteBodyDto,
  ): Promise<NoteResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const note = await this.findEditable(auth, organizationId, noteId, manager);
      const before = toNoteResponse(note);
      note.body = dto.body;
      const after = toNoteResponse(await manager.save(note));
      // The audit log is the note's edit history.
      await this.audit.record(
        auth,
        {
          action: 'organization_note.updated',
          after,
          before,
          entityId: noteId,
          entityType: 'organization_note',
        },
        manager,
      );
      return after;
    });
  }

  async remove(auth: AuthContext, organizationId: string, noteId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const note = await this.findEditable(auth, organizationId, noteId, manager);
      await manager.delete(OrganizationNote, note.id);
      await this.audit.record(
        auth,
        {
          action: 'organization_note.deleted',
          before: toNoteResponse(note),
          entityId: noteId,
          entityType: 'organization_note',
        },
        manager,
      );
    });
  }

  /** Authors edit their own notes; admins may edit anyone's. */
  private async findEditable(
    auth: AuthContext,
    organizationId: string,
    noteId: string,
    manager: DataSource['manager'],
  ) {
    const note = await manager.findOne(OrganizationNote, {
      lock: { mode: 'pessimistic_write' },
      where: { id: noteId, organizationId },
    });
    if (!note) throw AppException.notFound('Note');
    if (auth.role !== 'admin' && note.authorId !== auth.id) {
      throw new AppException(403, 'Only the author or an admin can change this note');
    }
    return note;
  }
}
