import { Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { type DeadlineRulesView } from '../../deadline-rules/deadline-rules.responses.js';
import { GetDeadlineRulesQuery } from '../../deadline-rules/get-deadline-rules/get-deadline-rules.handler.js';
import { ListOverdueFollowUpsQuery } from '../../follow-ups/list-overdue-follow-ups/list-overdue-follow-ups.handler.js';
import { type OverdueFollowUps } from '../../follow-ups/list-overdue-follow-ups/overdue-follow-up.view.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { ListMeetingsQuery, type MeetingPage } from '../../meetings/list-meetings/list-meetings.handler.js';
import { type AntennaDashboardView } from '../../units/get-antenna-dashboard/antenna-dashboard.view.js';
import { GetAntennaDashboardQuery } from '../../units/get-antenna-dashboard/get-antenna-dashboard.handler.js';
import { type AntennaList, ListAntennasQuery } from '../../units/list-antennas/list-antennas.handler.js';
import { asOfParams } from '../as-of/as-of.js';
import { parisToday } from '../forms/command-form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { accueilPage } from './accueil.view.js';

/** Accueil: where things stand in the SPIP (every antenna side by side, what is late, the next CSA). */
@WebPage()
export class AccueilController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const organisationId = userOf(request)?.organisationId;
    const asOf = asOfParams('/', query);
    const [antennas, followUps, meetings, rules] = await Promise.all([
      this.queries.execute<AntennaList>(new ListAntennasQuery({}, organisationId)),
      this.queries.execute<OverdueFollowUps>(new ListOverdueFollowUpsQuery({}, organisationId)),
      this.queries.execute<MeetingPage>(new ListMeetingsQuery({ limit: 200 }, organisationId)),
      this.queries.execute<DeadlineRulesView>(new GetDeadlineRulesQuery(organisationId)),
    ]);
    const dashboards = new Map<string, AntennaDashboardView>();
    for (const antenna of antennas.items) {
      dashboards.set(
        antenna.id,
        await this.queries.execute<AntennaDashboardView>(
          new GetAntennaDashboardQuery(antenna.id, asOf.request, organisationId),
        ),
      );
    }
    const page = accueilPage({
      asOf: asOf.view,
      antennas: antennas.items,
      dashboards,
      followUps: followUps.items,
      meetings: meetings.items,
      noticeDays: rules.values.noticeDays,
      today: parisToday(this.clock.now()),
    });
    await this.pages.render(request, response, 'accueil/accueil', { title: 'Accueil', nav: 'accueil' }, page);
  }
}
