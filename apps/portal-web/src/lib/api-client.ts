import { createApiClient, createUntypedApiClient } from '@settle/api-client';

export const api = createApiClient();

/** Portal contact endpoints are not in openapi.json yet (contact auth arrives later). */
export const portalApi = createUntypedApiClient();
