import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { organizationsKeys } from '@/api/organizations/keys';
import { arOverviewKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import type { CreateOrganizationDto, OrganizationBody } from './types';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => v || null);

export const organizationInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  phone: optionalText(40),
  address: z.object({
    line1: optionalText(200),
    line2: optionalText(200),
    city: optionalText(120),
    region: optionalText(120),
    postalCode: optionalText(20),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => v === '' || /^[A-Z]{2}$/.test(v), 'must be a two-letter code such as US')
      .transform((v) => v || null),
  }),
});

export type OrganizationFormValues = z.input<typeof organizationInputSchema>;

export const createOrganization = (body: OrganizationBody & { name: string }) =>
  unwrap(
    api.POST('/api/v1/organizations', {
      // see OrganizationBody: the generated AddressDto mistypes nullable text
      body: body as unknown as CreateOrganizationDto,
    }),
  );

export function useCreateOrganization({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createOrganization> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createOrganization,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: organizationsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: arOverviewKeys.all });
      onSuccess?.(...args);
    },
  });
}
