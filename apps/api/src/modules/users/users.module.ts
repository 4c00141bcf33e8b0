import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ApiKeysModule } from '../api-keys';
import { AuditModule } from '../audit';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Staff users and their sessions. */
@Module({
  controllers: [UsersController],
  exports: [SessionsService, UsersService],
  imports: [ApiKeysModule, AuditModule, TypeOrmModule.forFeature([Session, User])],
  providers: [SessionsRepository, SessionsService, UsersRepository, UsersService],
})
export class UsersModule {}
