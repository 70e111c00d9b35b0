import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { type DemandPage, ListDemandsQuery } from '../../demands/list-demands/list-demands.handler.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { type AntennaList, ListAntennasQuery } from '../../units/list-antennas/list-antennas.handler.js';
import { parisToday } from '../forms/command-form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { filterOf, requestOf, revendicationsPage } from './revendications.view.js';

/** Revendications: find a demand (filters, free text, sorting, pages). */
@WebPage('revendications')
export class RevendicationsController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const organisationId = userOf(request)?.organisationId;
    const antennas = await this.queries.execute<AntennaList>(new ListAntennasQuery({}, organisationId));
    const filter = filterOf(
      query,
      antennas.items.map((a) => a.id),
    );
    const demands = await this.queries.execute<DemandPage>(
      new ListDemandsQuery(requestOf(filter), organisationId),
    );
    const page = revendicationsPage({
      filter,
      antennas: antennas.items,
      items: demands.items,
      total: demands.total,
      today: parisToday(this.clock.now()),
    });
    await this.pages.render(
      request,
      response,
      'revendications/revendications',
      { title: 'Revendications', nav: 'revendications' },
      page,
    );
  }
}
