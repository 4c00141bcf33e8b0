import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionCookies } from './session-cookies';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { SessionStrategy } from './strategies/session.strategy';

@Module({
  controllers: [AuthController],
  exports: [SessionsService],
  imports: [ApiKeysModule, PassportModule, TypeOrmModule.forFeature([Session])],
  providers: [
    ApiKeyStrategy,
    AuthService,
    LoginThrottleService,
    SessionCookies,
    SessionsService,
    SessionStrategy,
  ],
})
export class AuthModule {}
