import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Org } from '../../infrastructure/http/request-context.js';
import { AntennaDashboardView } from './antenna-dashboard.view.js';
import { GetAntennaDashboardQuery } from './get-antenna-dashboard.handler.js';
import { GetAntennaDashboardRequest } from './get-antenna-dashboard.request.js';

@ApiTags('antennas')
@Controller('antennas')
export class GetAntennaDashboardController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/dashboard')
  @ApiOperation({
    summary:
      'Antenna dashboard: open demands, staffing vs reference ratios (with assumptions), visits, positives; ' +
      '?asOf= for a past date',
    description:
      'Ratios are derived (never facts from a report) and come with their assumptions in French. The reference is ' +
      "the organisation's (set by its admin: PUT /api/reference-ratios), else the OR of the DAP (1 CPIP per 60, " +
      '1 ASE per 50); cpipPerPeople / asePerPeople override it for the request. staffing.reference says which. ' +
      'With asOf, the dashboard as it stood at that date, folded from the events: what had happened by then ' +
      '(by occurredAt), or with known=recorded what the union knew by then (by recordedAt); overdue is judged ' +
      "at that instant, and the organisation's ratios are those in force then. Unknown antenna: 404.",
  })
  @ApiOkResponse({ type: AntennaDashboardView })
  get(
    @Param('id', IdPipe) antennaId: string,
    @Query() request: GetAntennaDashboardRequest,
    @Org() organisationId: string | undefined,
  ): Promise<AntennaDashboardView> {
    return this.queries.execute(new GetAntennaDashboardQuery(antennaId, request, organisationId));
  }
}
