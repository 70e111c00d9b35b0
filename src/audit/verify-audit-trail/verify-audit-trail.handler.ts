import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { type AuditReport, verifyAuditTrail } from './audit-trail.js';

export class VerifyAuditTrailQuery extends Query<AuditReport> {
  constructor(readonly recordedUpTo?: Date) {
    super();
  }
}

@QueryHandler(VerifyAuditTrailQuery)
export class VerifyAuditTrailHandler implements IQueryHandler<VerifyAuditTrailQuery> {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  execute({ recordedUpTo }: VerifyAuditTrailQuery): Promise<AuditReport> {
    return verifyAuditTrail(this.db, recordedUpTo);
  }
}
