import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ProcessLease } from './process-lease.entity';
import { ProcessLeaseService } from './process-lease.service';
import { ProcessLeasesRepository } from './process-leases.repository';

/** Global: every module that stamps work with the process that started it uses it. */
@Global()
@Module({
  exports: [ProcessLeaseService],
  imports: [TypeOrmModule.forFeature([ProcessLease])],
  providers: [ProcessLeasesRepository, ProcessLeaseService],
})
export class ProcessLeaseModule {}
