import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateText } from '../../../common/validation';
import { OrganizationNote } from '../organization-note.entity';

export class NoteBodyDto {
  @ValidateText({ example: 'Only send account summaries to ap@example.com', max: 5000 })
  body: string;
}

export class ListNotesQueryDto extends ListQueryDto {}

export class NoteResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorId: string | null;
  @ApiProperty() authorName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toNoteResponse(note: OrganizationNote): NoteResponseDto {
  return {
    authorId: note.authorId,
    authorName: note.authorName,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
    id: note.id,
    updatedAt: note.updatedAt.toISOString(),
  };
}
