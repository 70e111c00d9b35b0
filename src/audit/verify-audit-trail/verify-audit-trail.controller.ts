import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { RequestValidationError } from '../../infrastructure/http/problem-details.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { parseSealReference, type SealReference } from '../ledger/verify-ledger.js';
import { type ScopedAuditReport, VerifyAuditTrailQuery } from './verify-audit-trail.handler.js';

export class VerifyAuditTrailRequest {
  @ApiPropertyOptional({
    description: 'Check only events recorded up to this instant (and give their digest)',
  })
  @Optional()
  @IsISO8601({ strict: true })
  recordedUpTo?: string;

  @ApiPropertyOptional({
    description:
      'A seal (as exported: JSON) or its root hash (64 hex digits): is the store still consistent with it?',
  })
  @Optional()
  @IsString()
  @MaxLength(4000)
  seal?: string;
}

@ApiTags('audit')
@Controller('audit')
export class VerifyAuditTrailController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @ApiOperation({
    summary:
      "Check the hash chains of the caller's organisation and, with ?seal=, the store against that seal: " +
      '{ ok, checkedEvents, problems, digest, sealCheck }',
  })
  verify(
    @QueryParam() request: VerifyAuditTrailRequest,
    @Org() organisationId: string | undefined,
  ): Promise<ScopedAuditReport> {
    let seal: SealReference | undefined;
    if (request.seal !== undefined) {
      try {
        seal = parseSealReference(request.seal);
      } catch (error) {
        throw new RequestValidationError([{ field: 'seal', messages: [(error as Error).message] }]);
      }
    }
    return this.queries.execute(
      new VerifyAuditTrailQuery(
        request.recordedUpTo ? new Date(request.recordedUpTo) : undefined,
        // Every authenticated caller has an organisation; the whole installation is for the command line only.
        organisationId ?? 'default',
        seal,
      ),
    );
  }
}
