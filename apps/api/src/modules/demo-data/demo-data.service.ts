import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { SYSTEM_ACTOR } from '../../common/auth-context';
import { SettingsService } from '../settings/settings.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

export const DEMO_PASSWORD = 'settle-demo';
export const DEMO_USERS = [
  { email: 'admin@settle.test', name: 'Avery Admin', role: 'admin' as const },
  { email: 'billing@settle.test', name: 'Blake Billing', role: 'billing' as const },
  { email: 'viewer@settle.test', name: 'Vic Viewer', role: 'viewer' as const },
];

/** Fills an empty database with the demo MSP so that `npm start` has something to show. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
  ) {}

  async loadIfEmpty(): Promise<boolean> {
    if ((await this.dataSource.getRepository(User).count()) > 0) return false;
    for (const user of DEMO_USERS) {
      await this.users.createIfMissing(SYSTEM_ACTOR, { ...user, password: DEMO_PASSWORD });
    }
    const general = await this.settings.getGeneral();
    await this.settings.updateGeneral(SYSTEM_ACTOR, { ...general, mspName: 'Demo MSP' });
    this.logger.log('Loaded demo data (sign in as admin@settle.test / settle-demo)');
    return true;
  }
}
