import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';

import { AuthContext } from '../../../common/auth-context';
import { ApiKeysService } from '../../api-keys/api-keys.service';

/** Integrators: `Authorization: Bearer sk_…`. No CSRF: browsers never attach this header. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(token: string): Promise<AuthContext | false> {
    const key = await this.apiKeys.verify(token);
    if (!key) return false;
    return {
      id: key.id,
      kind: 'apiKey',
      label: key.name,
      name: key.name,
      requestId: null,
      role: key.role,
      sessionId: null,
    };
  }
}
