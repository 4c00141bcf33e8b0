import { Injectable } from '@nestjs/common';
import { contactTokenExpiry, ContactTokenPurpose } from '@settle/domain';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { ContactTokensRepository, IssuedContactToken } from './contact-tokens.repository';

// 256 bits: guessing one is hopeless, so the hash needs no salt or slow function.
const TOKEN_BYTES = 32;

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The secrets in welcome and password reset links. The caller owns the transaction: the token is
 * issued in the same one that records the email carrying it.
 */
@Injectable()
export class ContactTokensService {
  constructor(private readonly tokens: ContactTokensRepository) {}

  /** A new token for the link; the contact's older unused ones of this purpose stop working. */
  async issue(
    manager: EntityManager,
    contactId: string,
    purpose: ContactTokenPurpose,
  ): Promise<{ token: string; expiresAt: Date }> {
    if (!(await this.tokens.lockContact(manager, contactId)))
      throw AppException.notFound('Contact');
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const expiresAt = contactTokenExpiry(purpose, new Date());
    await this.tokens.discardUnconsumed(manager, contactId, purpose);
    await this.tokens.insert(manager, {
      contactId,
      expiresAt,
      purpose,
      tokenHash: hashToken(token),
    });
    return { expiresAt, token };
  }

  /** The token's contact if it is live and of this purpose, which also uses it up; else null. */
  async consume(
    manager: EntityManager,
    token: string,
    purpose: ContactTokenPurpose,
  ): Promise<{ contactId: string } | null> {
    const contactId = await this.tokens.consume(manager, hashToken(token), purpose);
    return contactId ? { contactId } : null;
  }

  /** When the contact was last sent each kind of link, and whether it was used. */
  lastIssued(manager: EntityManager, contactId: string): Promise<IssuedContactToken[]> {
    return this.tokens.lastIssued(manager, contactId);
  }
}
