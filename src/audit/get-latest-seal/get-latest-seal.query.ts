import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { type Seal } from '../seals/seal.js';
import { latestSeal } from '../seals/seals.repository.js';

/**
 * The latest seal of the audit ledger (ADR 0012), or null when nothing is sealed yet. With `sealedUpTo`, the
 * latest one made by then (what a dossier "arrêté au" that instant covers). Shape (stable):
 * `{ number, eventCount, position, rootHash, sealedAt, keyId, publicKey, signature }`; `shortSeal()` in
 * `seals/seal.ts` gives the printed short form.
 */
export class GetLatestSealQuery extends Query<Seal | null> {
  constructor(readonly sealedUpTo?: Date) {
    super();
  }
}

@QueryHandler(GetLatestSealQuery)
export class GetLatestSealHandler implements IQueryHandler<GetLatestSealQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  execute({ sealedUpTo }: GetLatestSealQuery): Promise<Seal | null> {
    return latestSeal(this.db, sealedUpTo);
  }
}
