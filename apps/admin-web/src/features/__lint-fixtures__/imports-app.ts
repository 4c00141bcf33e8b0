import { AppProvider } from '@/app/provider';

export const fixture = AppProvider;
