import { Module } from '@nestjs/common';
import { VerifyAuditTrailController } from './verify-audit-trail/verify-audit-trail.controller.js';
import { VerifyAuditTrailHandler } from './verify-audit-trail/verify-audit-trail.handler.js';

@Module({ controllers: [VerifyAuditTrailController], providers: [VerifyAuditTrailHandler] })
export class AuditModule {}
