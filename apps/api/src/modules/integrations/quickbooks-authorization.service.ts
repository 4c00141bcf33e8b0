import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

import { AuthContext, SystemActor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { newOAuthState, sameOAuthState } from './adapters/quickbooks/quickbooks-oauth';
import { OAuthCallbackQueryDto } from './dto/integration.dto';
import { quickBooksSettings } from './integration.entity';
import { IntegrationsRepository } from './integrations.repository';
import { IntegrationsService } from './integrations.service';
import { QuickBooksConnections } from './quickbooks-connections.service';
import { SyncRunsService } from './sync-runs.service';

/** How long an authorization may take between "Connect" and Intuit's callback. */
const STATE_LIFETIME_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The admin SPA's screen the browser comes back to. */
const INTEGRATIONS_PAGE = '/integrations';

function hashOf(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

function page(params: Record<string, string>): { url: string } {
  return { url: `${INTEGRATIONS_PAGE}?${new URLSearchParams(params).toString()}` };
}

/**
 * "Connect QuickBooks": the authorize redirect with a `state` bound to the integration (only its
 * hash is stored, for 10 minutes, used once), and Intuit's callback, which trades the code for
 * tokens, stores them sealed, marks the integration connected and starts its first sync.
 */
@Injectable()
export class QuickBooksAuthorization {
  private readonly logger = new Logger(QuickBooksAuthorization.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationsRepository,
    private readonly connections: QuickBooksConnections,
    private readonly audit: AuditService,
    private readonly runs: SyncRunsService,
    private readonly integrationsService: IntegrationsService,
  ) {}

  /** Where to send the admin's browser: Intuit's consent screen for this integration. */
  async authorize(id: string): Promise<{ url: string }> {
    const oauth = this.connections.oauth();
    return this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.find(manager, id, { lock: true });
      if (!integration) throw AppException.notFound('Integration');
      if (integration.kind !== 'quickbooks')
        throw AppException.rule('Only a QuickBooks integration is connected through its sign-in');
      // The integration's id travels in the state, so the callback finds it; the rest is secret.
      const state = `${id}.${newOAuthState()}`;
      await this.integrations.update(manager, id, {
        oauthStateExpiresAt: new Date(Date.now() + STATE_LIFETIME_MS),
        oauthStateHash: hashOf(state),
      });
      return { url: oauth.authorizeUrl(state) };
    });
  }

  /**
   * Intuit's redirect back. A state that is not the integration's pending one (unknown, expired,
   * used) writes nothing; every outcome sends the browser to the integrations screen, saying
   * what happened.
   */
  async callback(
    actor: AuthContext | SystemActor,
    query: OAuthCallbackQueryDto,
  ): Promise<{ url: string }> {
    const state = query.state ?? '';
    const id = state.split('.')[0] ?? '';
    const claimed = UUID.test(id) ? await this.claimState(id, state) : false;
    if (!claimed)
      return page({
        quickbooks: 'error',
        reason:
          'This QuickBooks sign-in link is not valid (expired, already used, or not started here); connect again',
      });
    if (query.error)
      return page({
        integration: id,
        quickbooks: 'error',
        reason:
          query.error === 'access_denied'
            ? 'The connection was cancelled in QuickBooks'
            : `QuickBooks did not connect (${query.error})`,
      });
    if (!query.code || !query.realmId)
      return page({
        integration: id,
        quickbooks: 'error',
        reason: 'QuickBooks came back without a code or company; connect again',
      });
    let tokens;
    try {
      tokens = await this.connections.oauth().exchangeCode(query.code);
    } catch (error) {
      this.logger.warn({ err: error, integrationId: id }, 'QuickBooks code exchange failed');
      return page({
        integration: id,
        quickbooks: 'error',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    const realmId = query.realmId;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.find(manager, id, { lock: true });
      if (!integration) return 'gone' as const;
      const settings = quickBooksSettings(integration);
      if (settings.realmId && settings.realmId !== realmId) return 'other-company' as const;
      // one integration per company: two would sync the same customers and invoices twice over
      const twin = (await this.integrations.all(manager)).find(
        (i) => i.id !== id && i.kind === 'quickbooks' && quickBooksSettings(i).realmId === realmId,
      );
      if (twin) return { twin: twin.name };
      await this.integrations.update(manager, id, {
        sealedCredentials: this.connections.seal(tokens),
        settings: { ...settings, realmId },
        status: 'connected',
        statusMessage: null,
      });
      await this.integrationsService.followAccounting(manager);
      await this.audit.record(manager, actor, {
        action: 'integration.connected',
        after: { realmId },
        before: { status: integration.status },
        entityId: id,
        entityLabel: integration.name,
        entityType: 'integration',
      });
      return 'connected' as const;
    });
    if (outcome !== 'connected') {
      await this.connections.revoke({ id, sealedCredentials: this.connections.seal(tokens) });
      return page({
        integration: id,
        quickbooks: 'error',
        reason:
          outcome === 'gone'
            ? 'The integration was removed meanwhile'
            : outcome === 'other-company'
              ? 'This integration is connected to another QuickBooks company; add a new integration for that one'
              : `This QuickBooks company is already connected as "${outcome.twin}"`,
      });
    }
    try {
      await this.runs.start(actor, id, { full: true });
    } catch (error) {
      this.logger.error({ err: error, integrationId: id }, 'Could not start the first sync');
    }
    return page({ integration: id, quickbooks: 'connected' });
  }

  /**
   * Uses up the integration's pending state when `state` is it (compared in constant time,
   * unexpired); true only then. Nothing is written otherwise.
   */
  private claimState(id: string, state: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.find(manager, id, { lock: true });
      if (
        !integration ||
        integration.kind !== 'quickbooks' ||
        !integration.oauthStateHash ||
        !integration.oauthStateExpiresAt ||
        integration.oauthStateExpiresAt.getTime() <= Date.now()
      )
        return false;
      if (!sameOAuthState(integration.oauthStateHash, hashOf(state))) return false;
      await this.integrations.update(manager, id, {
        oauthStateExpiresAt: null,
        oauthStateHash: null,
      });
      return true;
    });
  }
}
