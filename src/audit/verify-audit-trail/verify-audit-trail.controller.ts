import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { type AuditReport } from './audit-trail.js';
import { VerifyAuditTrailQuery } from './verify-audit-trail.handler.js';

export class VerifyAuditTrailRequest {
  @ApiPropertyOptional({
    description: 'Check only events recorded up to this instant (and give their digest)',
  })
  @Optional()
  @IsISO8601({ strict: true })
  recordedUpTo?: string;
}

@ApiTags('audit')
@Controller('audit')
export class VerifyAuditTrailController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Walk every stream and check its hash chain: { ok, checkedEvents, problems, digest }',
  })
  verify(@QueryParam() request: VerifyAuditTrailRequest): Promise<AuditReport> {
    return this.queries.execute(
      new VerifyAuditTrailQuery(request.recordedUpTo ? new Date(request.recordedUpTo) : undefined),
    );
  }
}
