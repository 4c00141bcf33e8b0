import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';

import { ApiKeysModule } from '../api-keys';
import { AuditModule } from '../audit';
import { SettingsModule } from '../settings';
import { UsersModule } from '../users';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { PendingSignIns } from './pending-sign-ins';
import { SessionCookies } from './session-cookies';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { SessionStrategy } from './strategies/session.strategy';

@Module({
  controllers: [AuthController],
  exports: [LoginThrottleService],
  imports: [ApiKeysModule, AuditModule, PassportModule, SettingsModule, UsersModule],
  providers: [
    ApiKeyStrategy,
    AuthService,
    LoginThrottleService,
    PendingSignIns,
    SessionCookies,
    SessionStrategy,
  ],
})
export class AuthModule {}
