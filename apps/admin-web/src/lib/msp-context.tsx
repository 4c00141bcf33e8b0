import type { MeResponseDto } from '@settle/api-client';
import { browserTimeZone } from '@settle/ui';
import { createContext, useContext } from 'react';

export interface MspContextValue {
  user: MeResponseDto;
  isAdmin: boolean;
  /** The MSP's time zone (settings), or the browser's until settings load. */
  timeZone: string;
  currency: string;
}

export const MspContext = createContext<MspContextValue | null>(null);

export function useMsp(): MspContextValue {
  const ctx = useContext(MspContext);
  if (!ctx) {
    return {
      user: {
        id: '',
        email: '',
        name: '',
        role: 'viewer',
        kind: 'user',
        twoFactorEnabled: false,
        twoFactorEnrolmentRequired: false,
      },
      isAdmin: false,
      timeZone: browserTimeZone(),
      currency: 'USD',
    };
  }
  return ctx;
}
