import type { components } from '@settle/api-client';

export type NoteResponseDto = components['schemas']['NoteResponseDto'];
