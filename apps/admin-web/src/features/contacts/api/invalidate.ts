import type { QueryClient } from '@tanstack/react-query';

import { accessProfilesKeys } from '@/api/access-profiles/keys';
import { contactsKeys } from '@/api/contacts/keys';
import { organizationsKeys } from '@/api/organizations/keys';

/** A contact change can move the org's contact count, notification list and profile counts. */
export function invalidateAfterContactChange(queryClient: QueryClient, organizationId: string) {
  void queryClient.invalidateQueries({ queryKey: contactsKeys.all });
  void queryClient.invalidateQueries({ queryKey: organizationsKeys.detail(organizationId) });
  void queryClient.invalidateQueries({ queryKey: organizationsKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: accessProfilesKeys.lists() });
}
