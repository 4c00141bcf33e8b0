import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { lesserRole } from '@settle/domain';
import { Strategy } from 'passport-http-bearer';

import { AuthContext } from '../../../common/auth-context';
import { ApiKeysService } from '../../api-keys';
import { UsersService } from '../../users';

/** Integrators: `Authorization: Bearer sk_…`. No CSRF: browsers never attach this header. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly users: UsersService,
  ) {
    super();
  }

  /** A key acts with at most its creator's current role, and not at all once they are disabled. */
  async validate(token: string): Promise<AuthContext | false> {
    const key = await this.apiKeys.verify(token);
    if (!key) return false;
    let role = key.role;
    if (key.createdById) {
      const creatorRole = await this.users.activeRole(key.createdById);
      if (!creatorRole) return false;
      role = lesserRole(role, creatorRole);
    }
    return {
      id: key.id,
      kind: 'apiKey',
      label: key.name,
      name: key.name,
      requestId: null,
      role,
      sessionId: null,
    };
  }
}
