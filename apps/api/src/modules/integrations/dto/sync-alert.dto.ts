import { ApiProperty } from '@nestjs/swagger';

export const SYNC_ALERT_KINDS = ['sync_failed', 'sync_not_running'] as const;
export type SyncAlertKind = (typeof SYNC_ALERT_KINDS)[number];

/** An integration whose syncs fail, or have not run for 48 hours (the Overview lists them). */
export class SyncAlertDto {
  @ApiProperty({ enum: SYNC_ALERT_KINDS, enumName: 'SyncAlertKind' }) kind: SyncAlertKind;
  @ApiProperty({ format: 'uuid' }) integrationId: string;
  @ApiProperty() integrationName: string;
  @ApiProperty({
    description:
      'sync_failed: when its runs started failing; sync_not_running: its last successful run (or, when it never synced, its creation)',
    format: 'date-time',
  })
  since: string;
  @ApiProperty({ description: 'sync_not_running: false when it never synced at all' })
  everSynced: boolean;
  @ApiProperty({
    description: "sync_failed: the newest failed run's error, in the source's words",
    nullable: true,
    type: String,
  })
  error: string | null;
}
