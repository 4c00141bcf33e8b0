import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { ListNotesQueryDto, NoteBodyDto, NoteResponseDto } from './dto/note.dto';
import { NotesService } from './notes.service';

@ApiTags('organizations')
@Controller('organizations/:organizationId/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @ApiOperation({ summary: "An organization's internal notes, newest first" })
  @ApiOkResponse({ type: PagedResponseDto(NoteResponseDto) })
  list(@UuidParam('organizationId') organizationId: string, @Query() query: ListNotesQueryDto) {
    return this.notes.list(organizationId, query);
  }

  @Post()
  @ApiOperation({ summary: 'Leave a note' })
  @ApiCreatedResponse({ type: NoteResponseDto })
  create(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @Body() dto: NoteBodyDto,
  ) {
    return this.notes.create(auth, organizationId, dto);
  }

  @Patch(':noteId')
  @ApiOperation({
    summary: 'Edit a note (its author or an admin); the audit log keeps the history',
  })
  @ApiOkResponse({ type: NoteResponseDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam('noteId') noteId: string,
    @Body() dto: NoteBodyDto,
  ) {
    return this.notes.update(auth, organizationId, noteId, dto);
  }

  @Delete(':noteId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a note (its author or an admin)' })
  @ApiNoContentResponse()
  remove(
    @CurrentAuth() auth: AuthContext,
    @UuidParam('organizationId') organizationId: string,
    @UuidParam('noteId') noteId: string,
  ) {
    return this.notes.remove(auth, organizationId, noteId);
  }
}
