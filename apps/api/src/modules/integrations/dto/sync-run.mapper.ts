import { SyncRun } from '../sync-run.entity';
import { SyncRunResponseDto } from './sync-run.dto';

export function toSyncRunResponse(run: SyncRun): SyncRunResponseDto {
  return {
    counts: {
      created: run.created,
      deleted: run.deleted,
      failed: run.failed,
      unchanged: run.unchanged,
      updated: run.updated,
    },
    createdAt: run.createdAt.toISOString(),
    error: run.error,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    full: run.full,
    id: run.id,
    integrationId: run.integrationId,
    integrationName: run.integration?.name ?? '',
    progress: {
      company: run.progress.company ?? 0,
      contact: run.progress.contact ?? 0,
      invoice: run.progress.invoice ?? 0,
    },
    startedAt: run.startedAt?.toISOString() ?? null,
    status: run.status,
    timings: { fetchMs: run.timings.fetchMs ?? 0, writeMs: run.timings.writeMs ?? 0 },
    trigger: run.trigger,
  };
}
