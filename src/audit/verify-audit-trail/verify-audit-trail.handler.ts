import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { AuditLedgerService } from '../ledger/audit-ledger.service.js';
import { type SealCheck, type SealReference, verifyAgainstSeal } from '../ledger/verify-ledger.js';
import { type AuditReport, verifyAuditTrail } from './audit-trail.js';

/** What one organisation is told of a check against a seal: the events of others are only counted. */
export type ScopedSealCheck = SealCheck & { problemsElsewhere: number };

export type ScopedAuditReport = AuditReport & {
  /** The organisation whose streams were checked; null: the whole installation (command line only). */
  organisationId: string | null;
  sealCheck?: ScopedSealCheck;
};

/**
 * Checks the hash chains of the organisation's streams (or of the whole installation when `organisationId` is
 * null: a privileged operation, offered by `npm run audit:verify` only), and, given a seal, whether the whole store
 * is still consistent with it. Problems are named for the organisation's own events only.
 */
export class VerifyAuditTrailQuery extends Query<ScopedAuditReport> {
  constructor(
    readonly recordedUpTo: Date | undefined,
    readonly organisationId: string | null,
    readonly seal?: SealReference,
  ) {
    super();
  }
}

@QueryHandler(VerifyAuditTrailQuery)
export class VerifyAuditTrailHandler implements IQueryHandler<VerifyAuditTrailQuery> {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly ledger: AuditLedgerService,
  ) {}

  async execute({ recordedUpTo, organisationId, seal }: VerifyAuditTrailQuery): Promise<ScopedAuditReport> {
    const report = await verifyAuditTrail(this.db, recordedUpTo, {
      organisationId: organisationId ?? undefined,
    });
    if (!seal) return { ...report, organisationId };
    const check = await verifyAgainstSeal(this.db, seal, this.ledger.key.publicKey);
    const mine = check.problems.filter(
      (p) => organisationId === null || p.organisationId === undefined || p.organisationId === organisationId,
    );
    return {
      ...report,
      ok: report.ok && check.consistent,
      organisationId,
      sealCheck: { ...check, problems: mine, problemsElsewhere: check.problems.length - mine.length },
    };
  }
}
