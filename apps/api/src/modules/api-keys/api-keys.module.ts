import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  controllers: [ApiKeysController],
  exports: [ApiKeysService],
  imports: [TypeOrmModule.forFeature([ApiKey])],
  providers: [ApiKeysService],
})
export class ApiKeysModule {}
