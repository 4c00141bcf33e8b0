import { unwrap, type components } from '@settle/api-client';
import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type CardSetup = components['schemas']['PortalSetupIntentDto'];

/**
 * Asks the API to start adding a card in the gateway's hosted fields, once per opening of the
 * add dialog (`opening`; null while closed). Under Stripe it answers a SetupIntent's client
 * secret and the publishable key; a 409 means the gateway has none (the sandbox), and the dialog
 * offers the sandbox's test methods instead.
 */
export function useCardSetup(organizationId: string, opening: string | null) {
  return useQuery({
    queryKey: ['portal', organizationId, 'card-setup', opening] as const,
    enabled: opening !== null,
    queryFn: () =>
      unwrap(
        api.POST('/api/v1/portal/organizations/{organizationId}/payment-methods/setup-intents', {
          params: { path: { organizationId } },
        }),
      ),
    // a SetupIntent is made for this opening only: never refetched, forgotten once closed
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}
