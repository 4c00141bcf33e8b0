import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { ListNotesQueryDto, NoteBodyDto, NoteResponseDto, toNoteResponse } from './dto/note.dto';
import { NotesRepository } from './notes.repository';
import { OrganizationNote } from './organization-note.entity';
import { OrganizationsService } from './organizations.service';

@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notes: NotesRepository,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string, query: ListNotesQueryDto): Promise<Page<NoteResponseDto>> {
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    const [rows, total] = await this.notes.list(manager, organizationId, {
      limit: query.pageSize,
      offset: pageOffset(query),
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
      const note = await this.notes.save(manager, {
        authorId: auth.kind === 'user' ? auth.id : null,
        authorName: auth.name,
        body: dto.body,
        organizationId,
      });
      const response = toNoteResponse(note);
      await this.audit.record(manager, auth, {
        action: 'organization_note.created',
        after: response,
        entityId: note.id,
        entityType: 'organization_note',
        organizationId,
      });
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
      const note = await this.findEditable(manager, auth, organizationId, noteId);
      const before = toNoteResponse(note);
      note.body = dto.body;
      const after = toNoteResponse(await this.notes.save(manager, note));
      // The audit log is the note's edit history.
      await this.audit.record(manager, auth, {
        action: 'organization_note.updated',
        after,
        before,
        entityId: noteId,
        entityType: 'organization_note',
        organizationId,
      });
      return after;
    });
  }

  async remove(auth: AuthContext, organizationId: string, noteId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const note = await this.findEditable(manager, auth, organizationId, noteId);
      await this.notes.delete(manager, note.id);
      await this.audit.record(manager, auth, {
        action: 'organization_note.deleted',
        before: toNoteResponse(note),
        entityId: noteId,
        entityType: 'organization_note',
        organizationId,
      });
    });
  }

  /** Authors edit their own notes; admins may edit anyone's. */
  private async findEditable(
    manager: EntityManager,
    auth: AuthContext,
    organizationId: string,
    noteId: string,
  ): Promise<OrganizationNote> {
    const note = await this.notes.findForUpdate(manager, organizationId, noteId);
    if (!note) throw AppException.notFound('Note');
    if (auth.role !== 'admin' && note.authorId !== auth.id)
      throw new AppException(403, 'Only the author or an admin can change this note');
    return note;
  }
}
