import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The notice job's reads of the emails table. */
@Injectable()
export class NoticesRepository {
  /** Which of these dedupe keys an email was already written with. */
  async existingDedupeKeys(manager: EntityManager, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { dedupe_key: string }[] = await manager.query(
      `SELECT dedupe_key FROM emails WHERE dedupe_key = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.map((r) => r.dedupe_key));
  }
}
