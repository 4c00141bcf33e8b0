import { Injectable } from '@nestjs/common';
import type { ContactTokenPurpose } from '@settle/domain';
import { EntityManager } from 'typeorm';

/** A token as a screen may show it: never the secret, which is not stored. */
export interface IssuedContactToken {
  purpose: ContactTokenPurpose;
  issuedAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
}

/** The contact_tokens table. */
@Injectable()
export class ContactTokensRepository {
  /**
   * Serialises issuing for one contact (concurrent issues would each leave a live token); false
   * when the contact does not exist. NO KEY UPDATE leaves the contact's foreign keys usable.
   */
  async lockContact(manager: EntityManager, contactId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT id FROM contacts WHERE id = $1 FOR NO KEY UPDATE',
      [contactId],
    );
    return rows.length > 0;
  }

  /** Removes the contact's unconsumed tokens of this purpose, so that only the newest works. */
  async discardUnconsumed(
    manager: EntityManager,
    contactId: string,
    purpose: ContactTokenPurpose,
  ): Promise<void> {
    await manager.query(
      'DELETE FROM contact_tokens WHERE contact_id = $1 AND purpose = $2 AND consumed_at IS NULL',
      [contactId, purpose],
    );
  }

  async insert(
    manager: EntityManager,
    row: { contactId: string; purpose: ContactTokenPurpose; tokenHash: Buffer; expiresAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO contact_tokens (contact_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [row.contactId, row.purpose, row.tokenHash, row.expiresAt],
    );
  }

  /**
   * Marks a live token used and returns its contact, in one statement: of two requests with the
   * same token, the second waits for the first's row lock, then finds consumed_at set.
   */
  async consume(
    manager: EntityManager,
    tokenHash: Buffer,
    purpose: ContactTokenPurpose,
  ): Promise<string | null> {
    const [rows]: [{ contact_id: string }[], number] = await manager.query(
      `UPDATE contact_tokens SET consumed_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND consumed_at IS NULL AND expires_at > now()
        RETURNING contact_id`,
      [tokenHash, purpose],
    );
    return rows[0]?.contact_id ?? null;
  }

  /** The newest token of each purpose the contact was sent. */
  async lastIssued(manager: EntityManager, contactId: string): Promise<IssuedContactToken[]> {
    const rows: {
      purpose: ContactTokenPurpose;
      created_at: Date;
      expires_at: Date;
      consumed_at: Date | null;
    }[] = await manager.query(
      `SELECT DISTINCT ON (purpose) purpose, created_at, expires_at, consumed_at
         FROM contact_tokens WHERE contact_id = $1
        ORDER BY purpose, created_at DESC, id`,
      [contactId],
    );
    return rows.map((row) => ({
      consumedAt: row.consumed_at,
      expiresAt: row.expires_at,
      issuedAt: row.created_at,
      purpose: row.purpose,
    }));
  }
}
