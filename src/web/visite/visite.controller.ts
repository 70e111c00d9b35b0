import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { type DemandPage, ListDemandsQuery } from '../../demands/list-demands/list-demands.handler.js';
import { RaiseDemandCommand } from '../../demands/raise-demand/raise-demand.handler.js';
import { RaiseDemandRequest } from '../../demands/raise-demand/raise-demand.request.js';
import { newIdFor } from '../../infrastructure/commands/event-ids.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { Clock } from '../../infrastructure/time/clock.js';
import {
  ListObservationsQuery,
  type ObservationList,
} from '../../observations/list-observations/list-observations.handler.js';
import { RecordObservationCommand } from '../../observations/record-observation/record-observation.handler.js';
import { RecordObservationRequest } from '../../observations/record-observation/record-observation.request.js';
import { ConductVisitCommand } from '../../units/conduct-visit/conduct-visit.handler.js';
import { ConductVisitRequest } from '../../units/conduct-visit/conduct-visit.request.js';
import { type AntennaList, ListAntennasQuery } from '../../units/list-antennas/list-antennas.handler.js';
import { ListVisitsQuery, type VisitList } from '../../units/list-visits/list-visits.handler.js';
import { PlanVisitCommand } from '../../units/plan-visit/plan-visit.handler.js';
import { PlanVisitRequest } from '../../units/plan-visit/plan-visit.request.js';
import { dtoErrors, formContext, mayWriteTo, newFormKey, parisToday } from '../forms/command-form.js';
import { type FieldError, formState, stringFields } from '../forms/form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { draftTitleOf, SENTIMENTS, THEMES, visiteHomePage, visitePage, visitIdFor } from './visite.view.js';

const CONFIRMATIONS: Readonly<Record<string, string>> = {
  planifiee: 'Visite planifiée.',
  commencee: 'Visite commencée : notez vos observations une à une.',
  observation: 'Observation enregistrée. Vous pouvez noter la suivante.',
  brouillon: 'Brouillon de revendication créé : il est à reprendre dans la liste des revendications.',
  brouillons: 'Brouillons de revendications créés : ils sont à reprendre dans la liste des revendications.',
};
const confirmation = (code: unknown): string | null =>
  typeof code === 'string' && Object.hasOwn(CONFIRMATIONS, code) ? (CONFIRMATIONS[code] ?? null) : null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (day: string): boolean => DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));

/** The values of a field posted once or several times (checkboxes). */
const listField = (body: unknown, name: string): string[] => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
};

/**
 * Visite (phone first): open or plan a visit, record observations one after another at an antenna, then turn
 * chosen observations into draft demands. Each form sends one command per item, as the API does.
 */
@WebPage('visite')
export class VisiteController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Req() request: Request, @Res() response: Response, @Query('ok') ok?: string): Promise<void> {
    await this.showHome(request, response, { flash: confirmation(ok) });
  }

  @Post('ouvrir')
  async open(@Body() body: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const values = stringFields(body);
    const antennaId = values.antennaId ?? '';
    const day = (values.day ?? '').trim();
    const errors: FieldError[] = [];
    if (!antennaId) errors.push({ field: 'antennaId', message: 'Choisissez l’antenne visitée' });
    if (!validDay(day))
      errors.push({ field: 'day', message: 'Saisissez le jour de la visite, par exemple 02/03/2024' });
    const visitId = visitIdFor(antennaId, day);
    const { request: dto, errors: more } = await dtoErrors(
      ConductVisitRequest,
      { antennaId, conductedOn: day },
      {
        antennaId: 'Choisissez l’antenne visitée',
        conductedOn: 'Saisissez le jour de la visite',
      },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.showHome(request, response, { status: 400, open: formState('ouvrir', values, errors) });
    await this.commands.execute(new ConductVisitCommand(visitId, dto, formContext(request, values)));
    response.redirect(303, `/visite/${visitId}?antenne=${encodeURIComponent(antennaId)}&ok=commencee#saisie`);
  }

  @Post('planifier')
  async plan(@Body() body: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const values = stringFields(body);
    const antennaIds = listField(body, 'antennaIds');
    const plannedFor = (values.plannedFor ?? '').trim();
    const errors: FieldError[] = [];
    if (antennaIds.length === 0)
      errors.push({ field: 'antennaIds', message: 'Cochez au moins une antenne à visiter' });
    if (plannedFor && !validDay(plannedFor))
      errors.push({ field: 'plannedFor', message: 'Saisissez une date valide, ou laissez le champ vide' });
    const { request: dto, errors: more } = await dtoErrors(
      PlanVisitRequest,
      { antennaIds, ...(plannedFor ? { plannedFor } : {}) },
      { antennaIds: 'Cochez au moins une antenne à visiter', plannedFor: 'Saisissez une date valide' },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.showHome(request, response, {
        status: 400,
        plan: formState('planifier', { ...values, antennaIds: antennaIds.join(',') }, errors),
      });
    const result = await this.commands.execute(new PlanVisitCommand(dto, formContext(request, values)));
    response.redirect(303, `/visite/${encodeURIComponent(result.id)}?ok=planifiee`);
  }

  @Get(':id')
  async visit(
    @Param('id', IdPipe) visitId: string,
    @Req() request: Request,
    @Res() response: Response,
    @Query('antenne') antenne?: string,
    @Query('ok') ok?: string,
  ): Promise<void> {
    await this.showVisit(request, response, visitId, antenne, { flash: confirmation(ok) });
  }

  @Post(':id/commencer')
  async start(
    @Param('id', IdPipe) visitId: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const visit = await this.visitOf(request, visitId);
    const antennaId = values.antennaId ?? '';
    if (!visit.stops.some((s) => s.antennaId === antennaId))
      return this.showVisit(request, response, visitId, undefined, { status: 400 });
    const day = parisToday(this.clock.now());
    await this.commands.execute(
      new ConductVisitCommand(
        visitId,
        Object.assign(new ConductVisitRequest(), { antennaId, conductedOn: day }),
        formContext(request, values),
      ),
    );
    response.redirect(303, `/visite/${visitId}?antenne=${encodeURIComponent(antennaId)}&ok=commencee#saisie`);
  }

  @Post(':id/observations')
  async observe(
    @Param('id', IdPipe) visitId: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const visit = await this.visitOf(request, visitId);
    const stop = visit.stops.find((s) => s.antennaId === values.antennaId);
    if (!stop?.conductedOn) return this.showVisit(request, response, visitId, undefined, { status: 400 });
    const category = values.category ?? '';
    const sentiment = values.sentiment ?? '';
    const text = (values.text ?? '').trim();
    const errors: FieldError[] = [];
    if (!THEMES.some(([v]) => v === category))
      errors.push({ field: 'category', message: 'Choisissez le thème de l’observation' });
    if (!text) errors.push({ field: 'text', message: 'Écrivez ce que vous avez observé' });
    else if (text.length > 5000)
      errors.push({ field: 'text', message: 'L’observation doit compter au plus 5 000 caractères' });
    if (!SENTIMENTS.some(([v]) => v === sentiment))
      errors.push({
        field: 'sentiment',
        message: 'Dites s’il s’agit d’une difficulté, d’un constat neutre ou d’un point positif',
      });
    const { request: dto, errors: more } = await dtoErrors(RecordObservationRequest, {
      antennaId: stop.antennaId,
      visitId,
      category,
      topic: category.toUpperCase() || 'VISITE',
      text,
      sentiment,
      leadsToDemand: sentiment !== 'positive',
      observedOn: stop.conductedOn,
    });
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.showVisit(request, response, visitId, stop.antennaId, {
        status: 400,
        form: formState('obs', values, errors),
      });
    await this.commands.execute(new RecordObservationCommand(dto, formContext(request, values)));
    response.redirect(
      303,
      `/visite/${visitId}?antenne=${encodeURIComponent(stop.antennaId)}&ok=observation#saisie`,
    );
  }

  @Post(':id/revendications')
  async drafts(
    @Param('id', IdPipe) visitId: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const organisationId = userOf(request)?.organisationId;
    const visit = await this.visitOf(request, visitId);
    const antennaId = values.antennaId ?? '';
    if (!visit.stops.some((s) => s.antennaId === antennaId))
      return this.showVisit(request, response, visitId, undefined, { status: 400 });
    const chosen = listField(body, 'observationIds');
    const [observations, antennas] = await Promise.all([
      this.queries.execute<ObservationList>(
        new ListObservationsQuery({ visitId, antennaId }, organisationId),
      ),
      this.queries.execute<AntennaList>(new ListAntennasQuery({}, organisationId)),
    ]);
    const picked = observations.items.filter((o) => chosen.includes(o.id));
    if (picked.length === 0)
      return this.showVisit(request, response, visitId, antennaId, {
        status: 400,
        draftErrors: [{ field: 'observationIds', message: 'Cochez au moins une observation à reprendre' }],
      });
    const antenna = antennas.items.find((a) => a.id === antennaId);
    const spip = antenna?.parents.find((p) => p.kind === 'SPIP')?.id ?? antenna?.parents[0]?.id ?? antennaId;
    for (const observation of picked) {
      const context = formContext(request, values, { keySuffix: observation.id });
      const dto = Object.assign(new RaiseDemandRequest(), {
        antennaId,
        title: draftTitleOf(observation.text),
        description: observation.text.slice(0, 5000),
        category: observation.category as RaiseDemandRequest['category'],
        explicit: false,
        priority: 'medium',
        addressees: [{ role: 'DFSPIP', organisation: spip }],
        level: 'local',
        observationIds: [observation.id],
        draft: true,
      } satisfies Partial<RaiseDemandRequest>);
      await this.commands.execute(new RaiseDemandCommand(newIdFor('demand', context), dto, context));
    }
    response.redirect(
      303,
      `/visite/${visitId}?antenne=${encodeURIComponent(antennaId)}&ok=${picked.length === 1 ? 'brouillon' : 'brouillons'}#observations`,
    );
  }

  private async visitOf(request: Request, visitId: string) {
    const { items } = await this.queries.execute<VisitList>(
      new ListVisitsQuery(userOf(request)?.organisationId, { visitId }),
    );
    const visit = items[0];
    if (!visit) throw new Error('visit listed without its row');
    return visit;
  }

  private async writableAntennas(request: Request, antennas: AntennaList): Promise<Set<string>> {
    const user = userOf(request);
    return new Set(
      antennas.items.filter((a) => mayWriteTo(user, [a.id, ...a.parents.map((p) => p.id)])).map((a) => a.id),
    );
  }

  private async showHome(
    request: Request,
    response: Response,
    options: {
      status?: number;
      flash?: string | null;
      open?: ReturnType<typeof formState>;
      plan?: ReturnType<typeof formState>;
    },
  ): Promise<void> {
    const organisationId = userOf(request)?.organisationId;
    const [antennas, visits] = await Promise.all([
      this.queries.execute<AntennaList>(new ListAntennasQuery({}, organisationId)),
      this.queries.execute<VisitList>(new ListVisitsQuery(organisationId)),
    ]);
    const today = parisToday(this.clock.now());
    const page = visiteHomePage({
      antennas: antennas.items,
      writable: await this.writableAntennas(request, antennas),
      visits: visits.items,
      openForm: options.open ?? formState('ouvrir', { day: today }),
      planForm: options.plan ?? formState('planifier'),
      newKey: newFormKey,
    });
    await this.pages.render(
      request,
      response,
      'visite/visite-accueil',
      { title: 'Visite', nav: 'visite', flash: options.flash ?? null, status: options.status },
      page,
    );
  }

  private async showVisit(
    request: Request,
    response: Response,
    visitId: string,
    antenne: string | undefined,
    options: {
      status?: number;
      flash?: string | null;
      form?: ReturnType<typeof formState>;
      draftErrors?: FieldError[];
    },
  ): Promise<void> {
    const organisationId = userOf(request)?.organisationId;
    const visit = await this.visitOf(request, visitId);
    const current =
      visit.stops.find((s) => s.antennaId === antenne) ??
      visit.stops.find((s) => s.conductedOn !== null) ??
      visit.stops[0];
    const antennaId = current?.antennaId ?? '';
    const [antennas, observations, demands] = await Promise.all([
      this.queries.execute<AntennaList>(new ListAntennasQuery({}, organisationId)),
      this.queries.execute<ObservationList>(new ListObservationsQuery({ visitId }, organisationId)),
      this.queries.execute<DemandPage>(new ListDemandsQuery({ antennaId, limit: 200 }, organisationId)),
    ]);
    const writable = await this.writableAntennas(request, antennas);
    const page = visitePage({
      visit,
      antennaId,
      antennas: antennas.items,
      canWrite: writable.has(antennaId),
      observations: observations.items,
      demands: demands.items,
      form: options.form ?? formState('obs', { sentiment: 'negative' }),
      today: parisToday(this.clock.now()),
      newKey: newFormKey,
    });
    await this.pages.render(
      request,
      response,
      'visite/visite',
      { title: page.title, nav: 'visite', flash: options.flash ?? null, status: options.status },
      { ...page, draftErrors: options.draftErrors ?? [], themes: THEMES, sentiments: SENTIMENTS },
    );
  }
}
