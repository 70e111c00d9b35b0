import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { ListDemandsQuery, type DemandPage } from '../../demands/list-demands/list-demands.handler.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { ListObservationsQuery } from '../../observations/list-observations/list-observations.handler.js';
import { type ObservationView } from '../../observations/get-observation/observation.view.js';
import { type AntennaDashboardView } from '../../units/get-antenna-dashboard/antenna-dashboard.view.js';
import { GetAntennaDashboardQuery } from '../../units/get-antenna-dashboard/get-antenna-dashboard.handler.js';
import { asOfParams } from '../as-of/as-of.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { antennePage } from './antenne.view.js';

/** Antenne: one antenna's situation (demands, staffing against the reference, visits, observations). */
@WebPage('antennes')
export class AntenneController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: string,
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const organisationId = userOf(request)?.organisationId;
    const asOf = asOfParams(`/antennes/${encodeURIComponent(id)}`, query);
    // The dashboard answers 404 for an unknown antenna or another organisation's: the page says the same.
    const dashboard = await this.queries.execute<AntennaDashboardView>(
      new GetAntennaDashboardQuery(id, asOf.request, organisationId),
    );
    const [demands, observations] = await Promise.all([
      asOf.asOf
        ? Promise.resolve(null)
        : this.queries.execute<DemandPage>(
            new ListDemandsQuery({ antennaId: id, limit: 200 }, organisationId),
          ),
      this.queries.execute<{ items: ObservationView[] }>(
        new ListObservationsQuery({ antennaId: id, limit: 1000 }, organisationId),
      ),
    ]);
    const at = asOf.asOf;
    const known = (o: ObservationView): boolean =>
      !at ||
      (at.known === 'recorded'
        ? Date.parse(o.recordedAt) <= at.at.getTime()
        : Date.parse(`${o.observedOn.slice(0, 10)}T00:00:00Z`) <= at.at.getTime());
    const page = antennePage({
      dashboard,
      demands: demands?.items ?? null,
      observations: observations.items.filter(known),
      asOf: asOf.view,
    });
    await this.pages.render(request, response, 'antenne/antenne', { title: page.name, nav: 'accueil' }, page);
  }
}
