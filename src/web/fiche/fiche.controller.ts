import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { type DemandView } from '../../demands/get-demand/demand.view.js';
import { GetDemandQuery } from '../../demands/get-demand/get-demand.handler.js';
import {
  type DemandHistoryEntry,
  GetDemandHistoryQuery,
} from '../../demands/get-demand-history/get-demand-history.handler.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { Clock } from '../../infrastructure/time/clock.js';
import {
  type ObservationList,
  ListObservationsQuery,
} from '../../observations/list-observations/list-observations.handler.js';
import { DomainError } from '../../shared/domain-error.js';
import { type AntennaList, ListAntennasQuery } from '../../units/list-antennas/list-antennas.handler.js';
import {
  ListUnitsQuery,
  type UnitHierarchy,
  type UnitNode,
} from '../../units/list-units/list-units.handler.js';
import { asOfParams } from '../as-of/as-of.js';
import {
  dtoErrors,
  formContext,
  mayWriteTo,
  newFormKey,
  parisToday,
  REVISION_FIELD,
} from '../forms/command-form.js';
import { type FieldError, formState, stringFields } from '../forms/form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { actionOf } from './fiche.actions.js';
import { type Stale, fichePage } from './fiche.view.js';
import { timelineOf } from './timeline.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONFIRMATION = /^[a-z]{3,20}$/;

/** Every unit's name by its id, through the whole tree. */
const unitNamesOf = (roots: readonly UnitNode[]): Map<string, string> => {
  const names = new Map<string, string>();
  const visit = (nodes: readonly UnitNode[]): void =>
    nodes.forEach((node) => {
      names.set(node.id, node.name);
      visit(node.children);
    });
  visit(roots);
  return names;
};

/**
 * Fiche revendication: the demand's status, timeline and one short form per action. Each form sends one command
 * through the CommandBus (the same as the API route), with the revision it was rendered with (If-Match) and the
 * idempotency key made at render, then redirects here (post/redirect/get).
 */
@WebPage('revendications')
export class FicheController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: string,
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const ok =
      typeof query.ok === 'string' && CONFIRMATION.test(query.ok) ? actionOf(query.ok)?.ok : undefined;
    await this.render(request, response, id, query, { flash: ok ?? null });
  }

  @Post(':id/:action')
  async act(
    @Param('id', IdPipe) id: string,
    @Param('action') key: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const action = actionOf(key);
    if (!action) return this.render(request, response, id, {}, { status: 404 });
    const values = stringFields(body);
    const demand = await this.queries.execute<DemandView>(
      new GetDemandQuery(id, undefined, userOf(request)?.organisationId),
    );
    const today = parisToday(this.clock.now());
    const fields = action.fields({ demand: demand.details, observations: [], today });
    const errors: FieldError[] = [];
    for (const field of fields) {
      const value = (values[field.name] ?? '').trim();
      if (!value && field.required) errors.push({ field: field.name, message: field.required });
      else if (value && field.type === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
        errors.push({ field: field.name, message: 'Saisissez une date valide, par exemple 28/03/2024' });
    }
    for (const e of action.check?.(values) ?? [])
      if (!errors.some((x) => x.field === e.field)) errors.push(e);
    if (errors.length === 0) {
      const checked = await dtoErrors(action.dto, action.plain(values), {});
      errors.push(
        ...checked.errors.map((e) => ({
          ...e,
          field: fields.some((f) => f.name === e.field) ? e.field : 'general',
        })),
      );
      if (errors.length === 0) {
        try {
          await this.commands.execute(
            action.command(id, checked.request, formContext(request, values, { revision: true }), values),
          );
          response.redirect(303, `/revendications/${encodeURIComponent(id)}?ok=${action.key}#historique`);
          return;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.code === 'STREAM.STALE_REVISION') {
            const seen = Number(values[REVISION_FIELD] ?? -1);
            const history = await this.queries.execute<{ items: DemandHistoryEntry[] }>(
              new GetDemandHistoryQuery(id, undefined, userOf(request)?.organisationId),
            );
            const stale: Stale = {
              action: action.key,
              changes: timelineOf(
                history.items.filter((e) => e.revision > seen),
                unitNamesOf(
                  (
                    await this.queries.execute<UnitHierarchy>(
                      new ListUnitsQuery(userOf(request)?.organisationId),
                    )
                  ).items,
                ),
              ),
            };
            return this.render(
              request,
              response,
              id,
              {},
              {
                status: 412,
                failed: { action: action.key, form: formState(action.key, values, []) },
                stale,
              },
            );
          }
          if (error.kind === 'not_found' || error.kind === 'forbidden') throw error;
          errors.push({ field: 'general', message: error.message });
        }
      }
    }
    await this.render(
      request,
      response,
      id,
      {},
      {
        status: 400,
        failed: { action: action.key, form: formState(action.key, values, errors) },
      },
    );
  }

  private async render(
    request: Request,
    response: Response,
    id: string,
    query: Record<string, unknown>,
    options: {
      status?: number;
      flash?: string | null;
      failed?: { action: string; form: ReturnType<typeof formState> };
      stale?: Stale;
    },
  ): Promise<void> {
    const user = userOf(request);
    const organisationId = user?.organisationId;
    const asOf = asOfParams(`/revendications/${encodeURIComponent(id)}`, query);
    const demand = await this.queries.execute<DemandView>(new GetDemandQuery(id, asOf.asOf, organisationId));
    const [history, antennas, observations, units] = await Promise.all([
      this.queries.execute<{ items: DemandHistoryEntry[] }>(
        new GetDemandHistoryQuery(id, asOf.asOf, organisationId),
      ),
      this.queries.execute<AntennaList>(new ListAntennasQuery({}, organisationId)),
      this.queries.execute<ObservationList>(
        new ListObservationsQuery({ antennaId: demand.antennaId, limit: 1000 }, organisationId),
      ),
      this.queries.execute<UnitHierarchy>(new ListUnitsQuery(organisationId)),
    ]);
    const antenna = antennas.items.find((a) => a.id === demand.antennaId);
    const readOnly =
      !user || user.role === 'observer'
        ? 'Votre compte est en lecture seule : vous voyez tout, sans formulaire.'
        : !mayWriteTo(user, [demand.antennaId, ...(antenna?.parents.map((p) => p.id) ?? [])])
          ? 'Cette antenne est hors de vos sections : lecture seule.'
          : asOf.view.active
            ? 'Vous consultez un état passé : les actions se font sur l’état d’aujourd’hui.'
            : null;
    const page = fichePage({
      demand,
      history: history.items,
      antennaName: antenna?.name ?? demand.antennaId,
      unitNames: unitNamesOf(units.items),
      observations: observations.items,
      asOf: asOf.view,
      readOnly,
      today: parisToday(this.clock.now()),
      failed: options.failed ?? null,
      stale: options.stale ?? null,
      newKey: newFormKey,
    });
    await this.pages.render(
      request,
      response,
      'fiche/fiche',
      { title: page.title, nav: 'revendications', flash: options.flash ?? null, status: options.status },
      page,
    );
  }
}
