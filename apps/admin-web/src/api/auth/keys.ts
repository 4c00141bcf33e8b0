/** Who is signed in (GET /auth/me): read by the auth feature, refreshed by any that changes it. */
export const meQueryKey = ['auth', 'me'] as const;
