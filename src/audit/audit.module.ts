import { Module } from '@nestjs/common';
import { GetLatestSealHandler } from './get-latest-seal/get-latest-seal.query.js';
import { AuditLedgerService } from './ledger/audit-ledger.service.js';
import { SealLedgerHandler } from './seal-ledger/seal-ledger.handler.js';
import { SealsController } from './seal-ledger/seals.controller.js';
import { VerifyAuditTrailController } from './verify-audit-trail/verify-audit-trail.controller.js';
import { VerifyAuditTrailHandler } from './verify-audit-trail/verify-audit-trail.handler.js';

/**
 * The audit trail: per-stream hash chains (verify), the global ledger and its signed seals (ADR 0012).
 * `GetLatestSealQuery` and `SealLedgerCommand` are the buses' entry points for the other modules.
 */
@Module({
  controllers: [VerifyAuditTrailController, SealsController],
  providers: [VerifyAuditTrailHandler, AuditLedgerService, GetLatestSealHandler, SealLedgerHandler],
  exports: [AuditLedgerService],
})
export class AuditModule {}
