import type { Knex } from 'knex';
import { createChallenge, randomInt } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { create } from 'altcha-lib/frameworks/fastify';
import type { Store } from 'altcha-lib/frameworks/types';
import { ENGAGEMENT_TABLES as T } from '../../cms/src/engagement/engagement-tables.js';
import { returnedRows } from './returned-rows.js';

export interface ProofOfWorkOptions {
  secret: string;
  cost: number;
  maxCounter: number;
  expiresS: number;
}

/**
 * ALTCHA's self-hosted proof of work (altcha-lib): the widget on the question form solves a
 * signed PBKDF2 challenge in the visitor's browser. A solved challenge is spent in the
 * database, atomically, so it cannot be replayed on this or another instance.
 */
// The framework module exports its payload check only through create(); the handlers go unused.
const { verify } = create({});

export function proofOfWork(db: Knex, options: ProofOfWorkOptions) {
  const hmacSignatureSecret = `altcha:${options.secret}`;
  const hmacKeySignatureSecret = `altcha-key:${options.secret}`;
  const spent: Store = {
    get: () => false,
    set: () => undefined,
    async setIfAbsent(key) {
      const result: unknown = await db.raw(
        `INSERT INTO ${T.altchaSpent} (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING signature`,
        [key.slice(0, 128), Date.now() + options.expiresS * 1000],
      );
      return returnedRows(result).length === 1;
    },
  };
  return {
    challenge: () =>
      createChallenge({
        algorithm: 'PBKDF2/SHA-256',
        cost: options.cost,
        counter: randomInt(options.maxCounter, Math.floor(options.maxCounter / 2)),
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
        expiresAt: Math.floor(Date.now() / 1000) + options.expiresS,
      }),
    /** null when the payload proves the work; otherwise why not. */
    async check(payload: string): Promise<string | null> {
      const result = await verify(payload, deriveKey, hmacSignatureSecret, hmacKeySignatureSecret, spent);
      return result.error;
    },
  };
}

export type ProofOfWork = ReturnType<typeof proofOfWork>;
