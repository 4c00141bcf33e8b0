import { ApiProperty } from '@nestjs/swagger';

import { Session } from '../session.entity';

export class SessionResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  lastSeenAt: string;

  @ApiProperty({ nullable: true, type: String })
  userAgent: string | null;

  @ApiProperty({ nullable: true, type: String })
  ip: string | null;

  @ApiProperty({ description: 'The session making this request' })
  current: boolean;
}

export class SessionListResponseDto {
  @ApiProperty({ type: [SessionResponseDto] })
  data: SessionResponseDto[];
}

export function toSessionResponse(session: Session, currentId: string | null): SessionResponseDto {
  return {
    createdAt: session.createdAt.toISOString(),
    current: session.id === currentId,
    id: session.id,
    ip: session.ip,
    lastSeenAt: session.lastSeenAt.toISOString(),
    userAgent: session.userAgent,
  };
}
