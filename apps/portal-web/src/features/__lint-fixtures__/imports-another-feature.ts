import { getBranding } from '@/features/branding/api/get-branding';

export const fixture = getBranding;
