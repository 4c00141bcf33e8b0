import { Module } from '@nestjs/common';

import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { DemoDataService } from './demo-data.service';

@Module({
  exports: [DemoDataService],
  imports: [SettingsModule, UsersModule],
  providers: [DemoDataService],
})
export class DemoDataModule {}
