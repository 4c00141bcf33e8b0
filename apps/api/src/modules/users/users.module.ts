import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ApiKeysModule } from '../api-keys';
import { AuditModule } from '../audit';
import { RecoveryCode } from './recovery-code.entity';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { TwoFactorRepository } from './two-factor.repository';
import { TwoFactorService } from './two-factor.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Staff users and their sessions. */
@Module({
  controllers: [UsersController],
  exports: [SessionsService, TwoFactorService, UsersService],
  imports: [ApiKeysModule, AuditModule, TypeOrmModule.forFeature([RecoveryCode, Session, User])],
  providers: [
    SessionsRepository,
    SessionsService,
    TwoFactorRepository,
    TwoFactorService,
    UsersRepository,
    UsersService,
  ],
})
export class UsersModule {}
