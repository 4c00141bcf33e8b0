import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type Integration = Schemas['IntegrationResponseDto'];
export type IntegrationTestResult = Schemas['IntegrationTestResponseDto'];
export type SyncSchedule = Schemas['SyncSchedule'];
export type SyncRun = Schemas['SyncRunResponseDto'];
export type ConnectWiseSettings = Schemas['ConnectWiseSettingsResponseDto'];
export type QuickBooksSettings = Schemas['QuickBooksSettingsResponseDto'];

/** A ConnectWise integration's settings; null for another kind. */
export const connectWiseSettings = (integration: Pick<Integration, 'settings'>) =>
  'site' in integration.settings ? (integration.settings as ConnectWiseSettings) : null;

/** A QuickBooks integration's settings; null for another kind. */
export const quickBooksSettings = (integration: Pick<Integration, 'settings'>) =>
  'realmId' in integration.settings ? (integration.settings as QuickBooksSettings) : null;

export const SCHEDULE_LABELS: Record<SyncSchedule, string> = {
  off: 'Only on Sync now',
  every_15_minutes: 'Every 15 minutes',
  hourly: 'Every hour',
  daily: 'Once a day',
};

export const SCHEDULE_OPTIONS = (Object.keys(SCHEDULE_LABELS) as SyncSchedule[]).map((value) => ({
  value,
  label: SCHEDULE_LABELS[value],
}));

export const KIND_LABELS: Record<Integration['kind'], string> = {
  connectwise: 'ConnectWise Manage (PSA)',
  quickbooks: 'QuickBooks Online (accounting)',
};

/** A run still moving: its page polls it until it ends. */
export const isActive = (run: Pick<SyncRun, 'status'>) =>
  run.status === 'queued' || run.status === 'running';
