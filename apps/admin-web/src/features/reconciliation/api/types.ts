import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type ReconciliationRun = Schemas['ReconciliationRunResponseDto'];
export type ReconciliationStage = Schemas['ReconciliationStage'];
export type ReconciliationOrganization = Schemas['ReconciliationOrganizationDto'];
export type ReconciliationDifference = Schemas['ReconciliationDifferenceDto'];
export type ReconciliationDifferenceKind = Schemas['ReconciliationDifferenceKind'];
