import { getMe } from '@/features/auth/api/get-me';

export const fixture = getMe;
