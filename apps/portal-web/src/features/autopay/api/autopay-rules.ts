import { unwrap, type components } from '@settle/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

type Schemas = components['schemas'];
export type AutopayRule = Schemas['AutopayRuleResponseDto'];
export type NewAutopayRule = Schemas['PortalCreateAutopayRuleDto'];
export type AutopayRuleChange = Schemas['PortalUpdateAutopayRuleDto'];

const rulesKey = (organizationId: string) => ['portal', organizationId, 'autopay-rules'] as const;

export function useAutopayRules({ organizationId }: { organizationId: string }) {
  return useQuery({
    queryKey: rulesKey(organizationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/autopay-rules', {
          params: { path: { organizationId } },
        }),
      ),
  });
}

/**
 * The organization's currency, which rules do not carry: its balance tells it. The same query
 * as the dashboard's (one cache entry); kept here so the dashboard's chunk stays its own.
 */
export function useOrganizationCurrency({
  organizationId,
  enabled,
}: {
  organizationId: string;
  enabled: boolean;
}): string {
  const balance = useQuery({
    queryKey: ['portal', organizationId, 'balance'] as const,
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/balance', {
          params: { path: { organizationId } },
        }),
      ),
  });
  // without viewInvoices the balance cannot be read: amounts show in US dollars
  return balance.data?.currency ?? 'USD';
}

export function useCreateAutopayRule(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAutopayRule) =>
      unwrap(
        api.POST('/api/v1/portal/organizations/{organizationId}/autopay-rules', {
          params: { path: { organizationId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey(organizationId) }),
  });
}

/** 409 when staff locked the rule meanwhile. */
export function useUpdateAutopayRule(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, body }: { ruleId: string; body: AutopayRuleChange }) =>
      unwrap(
        api.PATCH('/api/v1/portal/organizations/{organizationId}/autopay-rules/{ruleId}', {
          params: { path: { organizationId, ruleId } },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKey(organizationId) }),
  });
}

export function useDeleteAutopayRule(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) =>
      unwrap(
        api.DELETE('/api/v1/portal/organizations/{organizationId}/autopay-rules/{ruleId}', {
          params: { path: { organizationId, ruleId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rulesKey(organizationId) }),
  });
}
