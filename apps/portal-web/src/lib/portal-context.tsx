import type { components } from '@settle/api-client';
import { createContext, useContext } from 'react';

type Organization = components['schemas']['PortalOrganizationDto'];

export interface PortalContextValue {
  contact: components['schemas']['PortalContactDto'];
  organizations: Organization[];
  /** The organization the contact is acting for: every portal query is scoped to it. */
  organization: Organization;
  switchOrganization: (organizationId: string) => void;
}

export const PortalContext = createContext<PortalContextValue | null>(null);

/** The signed-in contact and its current organization; only inside the signed-in shell. */
export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal outside the signed-in portal');
  return value;
}

const STORAGE_KEY = 'settle.portal.organization';

/** The organization chosen last on this device, if the contact still has it. */
export function rememberedOrganization(organizations: readonly Organization[]): Organization {
  let id: string | null = null;
  try {
    id = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage blocked (private mode): start with the first organization
  }
  return organizations.find((o) => o.id === id) ?? organizations[0]!;
}

export function rememberOrganization(organizationId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, organizationId);
  } catch {
    // storage blocked: the choice lasts until the page reloads
  }
}
