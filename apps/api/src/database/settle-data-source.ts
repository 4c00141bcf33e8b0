import { AsyncLocalStorage } from 'node:async_hooks';

import { DataSource, EntityManager, QueryRunner, ReplicationMode } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/** Set while a transaction's callback runs; see SettleDataSource. */
const insideTransaction = new AsyncLocalStorage<true>();

/**
 * A query inside a transaction asked the pool for a second connection. Under load that is a
 * deadlock (every connection holds a transaction waiting for another), so it fails at once.
 */
export class SecondConnectionInTransactionError extends Error {
  constructor() {
    super(
      'A query inside a transaction asked for another pool connection: pass the transaction\u2019s EntityManager down instead of using the DataSource',
    );
  }
}

/**
 * TypeORM's DataSource, with one rule enforced: while a transaction runs, everything it awaits
 * must use that transaction's EntityManager. A read through the DataSource (or a nested
 * transaction) would take a second pool connection and can exhaust the pool.
 */
export class SettleDataSource extends DataSource {
  override createQueryRunner(mode?: ReplicationMode): QueryRunner {
    if (insideTransaction.getStore()) throw new SecondConnectionInTransactionError();
    return super.createQueryRunner(mode);
  }

  override transaction<T>(run: (manager: EntityManager) => Promise<T>): Promise<T>;
  override transaction<T>(
    isolation: IsolationLevel,
    run: (manager: EntityManager) => Promise<T>,
  ): Promise<T>;
  override transaction<T>(
    isolationOrRun: IsolationLevel | ((manager: EntityManager) => Promise<T>),
    maybeRun?: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const run = typeof isolationOrRun === 'function' ? isolationOrRun : maybeRun!;
    const guarded = (manager: EntityManager) => insideTransaction.run(true, () => run(manager));
    return typeof isolationOrRun === 'function'
      ? super.transaction(guarded)
      : super.transaction(isolationOrRun, guarded);
  }
}
