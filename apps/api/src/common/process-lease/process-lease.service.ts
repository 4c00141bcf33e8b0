import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { LeaseHolder, ProcessLeasesRepository } from './process-leases.repository';

/** How often the lease is renewed, and how long it lasts without renewal. */
export const LEASE_RENEW_MS = 5_000;
export const LEASE_TTL_MS = 15_000;
const FORGET_EXPIRED_AFTER_MS = 24 * 60 * 60_000;

/**
 * This process's lease. Held from start-up until shutdown; work stamped with it belongs to a
 * live process. At start-up, leases of this host whose process no longer runs (a `kill -9`, an
 * OOM kill, a container restart) end at once instead of waiting out their expiry, so their
 * orphaned work is picked up in seconds.
 */
@Injectable()
export class ProcessLeaseService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessLeaseService.name);
  private readonly holder: LeaseHolder;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leases: ProcessLeasesRepository,
    config: AppConfig,
  ) {
    this.holder = {
      hostname: hostname(),
      id: randomUUID(),
      pid: process.pid,
      role: config.env.SETTLE_ROLE,
    };
  }

  /** The id work started by this process is stamped with. */
  get processId(): string {
    return this.holder.id;
  }

  async onModuleInit(): Promise<void> {
    await this.leases.renew(this.dataSource.manager, this.holder, LEASE_TTL_MS);
    await this.endLeasesOfGoneProcesses();
    await this.leases.forgetExpired(this.dataSource.manager, FORGET_EXPIRED_AFTER_MS);
    this.timer = setInterval(() => void this.renew(), LEASE_RENEW_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // By now in-flight requests and jobs have finished; a lease left behind just expires.
    if (this.dataSource.isInitialized)
      await this.leases.end(this.dataSource.manager, [this.holder.id]).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    try {
      await this.leases.renew(this.dataSource.manager, this.holder, LEASE_TTL_MS);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not renew the process lease; retrying');
    }
  }

  /** Ends the leases of this host's processes that no longer run; also called at start-up. */
  async endLeasesOfGoneProcesses(): Promise<void> {
    const others = await this.leases.othersOnHost(this.dataSource.manager, this.holder);
    // Same pid as ours means an earlier life of this container; otherwise ask the kernel.
    const gone = others.filter((lease) => lease.pid === process.pid || !isRunning(lease.pid));
    if (!gone.length) return;
    await this.leases.end(
      this.dataSource.manager,
      gone.map((lease) => lease.id),
    );
    this.logger.warn(
      { processes: gone.map(({ id, pid, role }) => ({ id, pid, role })) },
      'Ended the leases of processes of this host that are gone; their unfinished work is recovered now',
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so something runs there.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
