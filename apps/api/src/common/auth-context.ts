import { StaffRole } from '@settle/domain';

/** Who is making a request; handed from the controller to every service call that needs it. */
export interface AuthContext {
  kind: 'user' | 'apiKey';
  /** The user's or the API key's id. */
  id: string;
  role: StaffRole;
  /** Email of a user, name of an API key: what the audit log shows. */
  label: string;
  name: string;
  sessionId: string | null;
  requestId: string | null;
}

/** Work done by Settle itself (jobs, demo data) rather than on someone's request. */
export interface SystemActor {
  kind: 'system';
  requestId: string | null;
}
export const SYSTEM_ACTOR: SystemActor = { kind: 'system', requestId: null };
export type Actor = AuthContext | SystemActor;
