export { authenticatePortalBeforeBody } from './auth/portal-authentication';
export { PortalSessionsService } from './auth/portal-sessions.service';
export { PortalAuthProcessor } from './auth/portal-auth.processor';
export { PortalModule } from './portal.module';
export { PORTAL_SESSION_SCHEME } from './portal.decorators';
