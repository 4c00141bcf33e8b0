import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import {
  QUICKBOOKS_CLIENT_DEFAULTS,
  QuickBooksClient,
} from './adapters/quickbooks/quickbooks-client';
import {
  QuickBooksOAuth,
  QuickBooksOAuthError,
  QuickBooksTokens,
  quickBooksOAuthEndpoints,
} from './adapters/quickbooks/quickbooks-oauth';
import { SourceAuthError } from './adapters/source-adapter';
import { Integration, quickBooksSettings } from './integration.entity';
import { IntegrationsRepository } from './integrations.repository';

export const QUICKBOOKS_NOT_CONNECTED = 'Not connected to QuickBooks yet';
export const QUICKBOOKS_RECONNECT =
  "QuickBooks no longer accepts Settle's authorization; reconnect";
/** An access token this close to its end is refreshed before it is used. */
const REFRESH_AHEAD_MS = 60_000;

interface SealedTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
}

/**
 * A QuickBooks integration's tokens: sealed at rest (SecretBox), refreshed before they expire
 * under a row lock on the integration so that two workers never rotate at once, and the new
 * refresh token stored at once (the one presented dies 24 hours later).
 */
@Injectable()
export class QuickBooksConnections {
  private readonly logger = new Logger(QuickBooksConnections.name);
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationsRepository,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
  }

  /** Settle's app at Intuit (QBO_CLIENT_ID …); a 422 when this server has none. */
  oauth(): QuickBooksOAuth {
    const { QBO_CLIENT_ID, QBO_CLIENT_SECRET, QBO_OAUTH_BASE } = this.config.env;
    if (!QBO_CLIENT_ID || !QBO_CLIENT_SECRET)
      throw AppException.rule(
        'QuickBooks is not set up on this server: set QBO_CLIENT_ID and QBO_CLIENT_SECRET',
      );
    return new QuickBooksOAuth(
      {
        clientId: QBO_CLIENT_ID,
        clientSecret: QBO_CLIENT_SECRET,
        redirectUri: this.config.qboRedirectUri,
      },
      quickBooksOAuthEndpoints(QBO_OAUTH_BASE),
    );
  }

  seal(tokens: QuickBooksTokens): string {
    const sealed: SealedTokens = {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
      refreshToken: tokens.refreshToken,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
    };
    return this.box.seal(JSON.stringify(sealed));
  }

  tokensOf(integration: Pick<Integration, 'sealedCredentials'>): QuickBooksTokens | null {
    if (!integration.sealedCredentials) return null;
    const sealed = JSON.parse(this.box.open(integration.sealedCredentials)) as SealedTokens;
    if (!sealed.accessToken || !sealed.refreshToken) return null;
    return {
      accessToken: sealed.accessToken,
      accessTokenExpiresAt: new Date(sealed.accessTokenExpiresAt),
      refreshToken: sealed.refreshToken,
      refreshTokenExpiresAt: new Date(sealed.refreshTokenExpiresAt),
    };
  }

  /**
   * A client for the integration's company. Its access token is refreshed when it ends within
   * 60 s, and once more when QuickBooks says it has expired (then the call is retried).
   */
  clientFor(integration: Integration, pageSize = QUICKBOOKS_CLIENT_DEFAULTS.pageSize) {
    const { realmId } = quickBooksSettings(integration);
    let current = this.tokensOf(integration);
    return new QuickBooksClient(
      {
        accessToken: async () => {
          if (!realmId || !current) throw new SourceAuthError(QUICKBOOKS_NOT_CONNECTED);
          if (current.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_AHEAD_MS)
            return current.accessToken;
          current = await this.refresh(integration.id, null);
          return current.accessToken;
        },
        realmId: realmId ?? '-',
        refreshAccessToken: async () => {
          current = await this.refresh(integration.id, current?.accessToken ?? null);
          return current.accessToken;
        },
      },
      { ...QUICKBOOKS_CLIENT_DEFAULTS, apiBase: this.config.env.QBO_API_BASE, pageSize },
    );
  }

  /**
   * New tokens, under a lock on the integration's row. `refused` is the access token QuickBooks
   * just refused: when the row already holds another one (a worker refreshed meanwhile), that
   * one is used. Without `refused`, a stored token still good for 60 s is used as it is.
   * `invalid_grant` marks the integration needing attention (a reconnect is due).
   */
  private async refresh(integrationId: string, refused: string | null): Promise<QuickBooksTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.find(manager, integrationId, { lock: true });
      const stored = integration ? this.tokensOf(integration) : null;
      if (!integration || !stored) return { error: QUICKBOOKS_NOT_CONNECTED } as const;
      const fresh = stored.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_AHEAD_MS;
      if (refused === null ? fresh : stored.accessToken !== refused && fresh)
        return { tokens: stored } as const;
      try {
        const tokens = await this.oauth().refresh(stored.refreshToken);
        await this.integrations.update(manager, integrationId, {
          sealedCredentials: this.seal(tokens),
        });
        return { tokens } as const;
      } catch (error) {
        if (!(error instanceof QuickBooksOAuthError) || !error.needsReconnect) throw error;
        this.logger.warn({ err: error, integrationId }, 'QuickBooks refused the refresh token');
        await this.integrations.update(manager, integrationId, {
          status: 'needs_attention',
          statusMessage: QUICKBOOKS_RECONNECT,
        });
        return { error: QUICKBOOKS_RECONNECT } as const;
      }
    });
    if ('error' in outcome) throw new SourceAuthError(outcome.error);
    return outcome.tokens;
  }

  /** Ends the grant at Intuit; best effort (a failure is logged, never thrown). */
  async revoke(integration: Pick<Integration, 'id' | 'sealedCredentials'>): Promise<void> {
    try {
      const tokens = this.tokensOf(integration);
      if (!tokens) return;
      await this.oauth().revoke(tokens.refreshToken);
      this.logger.log({ integrationId: integration.id }, 'QuickBooks authorization revoked');
    } catch (error) {
      this.logger.warn(
        { err: error, integrationId: integration.id },
        'Could not revoke the QuickBooks authorization',
      );
    }
  }
}
