import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { GetDeadlineRulesQuery } from '../../deadline-rules/get-deadline-rules/get-deadline-rules.handler.js';
import { type DeadlineRulesView } from '../../deadline-rules/deadline-rules.responses.js';
import { type DemandPage, ListDemandsQuery } from '../../demands/list-demands/list-demands.handler.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { Clock } from '../../infrastructure/time/clock.js';
import { GetMeetingQuery } from '../../meetings/get-meeting/get-meeting.handler.js';
import { type MeetingView } from '../../meetings/get-meeting/meeting.view.js';
import {
  ListMeetingsQuery,
  type MeetingPage as MeetingList,
} from '../../meetings/list-meetings/list-meetings.handler.js';
import { RecordManagementStatementCommand } from '../../meetings/record-management-statement/record-management-statement.handler.js';
import { RecordManagementStatementRequest } from '../../meetings/record-management-statement/record-management-statement.request.js';
import { SubmitQuestionDiverseCommand } from '../../meetings/submit-question-diverse/submit-question-diverse.handler.js';
import { SubmitQuestionDiverseRequest } from '../../meetings/submit-question-diverse/submit-question-diverse.request.js';
import { DomainError } from '../../shared/domain-error.js';
import { instanceUnit, type UnitInfo } from '../../dossiers/domain/perimeter.js';
import {
  ListUnitsQuery,
  type UnitHierarchy,
  type UnitNode,
} from '../../units/list-units/list-units.handler.js';
import { dtoErrors, formContext, mayWriteTo, newFormKey, parisToday } from '../forms/command-form.js';
import { type FieldError, formState, type FormState, stringFields } from '../forms/form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { instancesPage, meetingPage } from './instances.view.js';

const CONFIRMATIONS: Readonly<Record<string, string>> = {
  question: 'Question diverse enregistrée.',
  declaration: 'Déclaration de l’administration enregistrée, en ses termes exacts.',
};
const confirmation = (code: unknown): string | null =>
  typeof code === 'string' && Object.hasOwn(CONFIRMATIONS, code) ? (CONFIRMATIONS[code] ?? null) : null;

const STALE =
  'Quelqu’un a enregistré autre chose sur cette séance pendant que vous écriviez : rien n’a été enregistré. ' +
  'La page montre maintenant la séance à jour ; vérifiez puis envoyez à nouveau.';

/** The demand ids typed in a field ("dem-B4, dem-B5"). */
const idsOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Instances (CSA): the meetings, and each meeting's agenda, questions, statements, votes, minutes and dossier. */
@WebPage('instances')
export class InstancesController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() request: Request, @Res() response: Response): Promise<void> {
    const organisationId = userOf(request)?.organisationId;
    const [meetings, rules] = await Promise.all([
      this.queries.execute<MeetingList>(new ListMeetingsQuery({ limit: 200 }, organisationId)),
      this.queries.execute<DeadlineRulesView>(new GetDeadlineRulesQuery(organisationId)),
    ]);
    const page = instancesPage(meetings.items, parisToday(this.clock.now()), rules.values.noticeDays);
    await this.pages.render(
      request,
      response,
      'instances/instances',
      { title: 'Instances', nav: 'instances' },
      page,
    );
  }

  @Get(':id')
  async meeting(
    @Param('id', IdPipe) id: string,
    @Req() request: Request,
    @Res() response: Response,
    @Query('ok') ok?: string,
  ): Promise<void> {
    await this.show(request, response, id, { flash: confirmation(ok) });
  }

  @Post(':id/questions')
  async question(
    @Param('id', IdPipe) id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const text = (values.text ?? '').trim();
    const errors: FieldError[] = [];
    if (!text) errors.push({ field: 'text', message: 'Écrivez la question posée' });
    else if (text.length > 5000)
      errors.push({ field: 'text', message: 'La question doit compter au plus 5 000 caractères' });
    const { request: dto, errors: more } = await dtoErrors(
      SubmitQuestionDiverseRequest,
      {
        text,
        ...(values.submittedBy?.trim() ? { submittedBy: values.submittedBy.trim() } : {}),
        demandIds: idsOf(values.demandIds),
      },
      {
        submittedBy: 'Le nom de l’organisation doit compter au plus 100 caractères',
        demandIds: 'Numéros de revendication non reconnus (séparez-les par des virgules)',
      },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.show(request, response, id, { status: 400, question: formState('qd', values, errors) });
    const refused = await this.run(() =>
      this.commands.execute(
        new SubmitQuestionDiverseCommand(id, dto, formContext(request, values, { revision: true })),
      ),
    );
    if (refused)
      return this.show(request, response, id, {
        status: 412,
        question: formState('qd', values, [{ field: 'text', message: STALE }]),
      });
    response.redirect(303, `/instances/${encodeURIComponent(id)}?ok=question#questions`);
  }

  @Post(':id/declarations')
  async statement(
    @Param('id', IdPipe) id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const text = (values.text ?? '').trim();
    const authorRole = (values.authorRole ?? '').trim();
    const errors: FieldError[] = [];
    if (!text) errors.push({ field: 'text', message: 'Recopiez les mots exacts de l’administration' });
    else if (text.length > 10000)
      errors.push({ field: 'text', message: 'La déclaration doit compter au plus 10 000 caractères' });
    if (!authorRole)
      errors.push({ field: 'authorRole', message: 'Indiquez qui a parlé (par exemple DFSPIP)' });
    const { request: dto, errors: more } = await dtoErrors(
      RecordManagementStatementRequest,
      {
        text,
        authorRole,
        ...(values.itemId ? { itemId: values.itemId } : {}),
        demandIds: idsOf(values.demandIds),
      },
      {
        authorRole: 'La fonction doit compter au plus 200 caractères',
        itemId: 'Choisissez un point de la liste',
        demandIds: 'Numéros de revendication non reconnus (séparez-les par des virgules)',
      },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.show(request, response, id, { status: 400, statement: formState('decl', values, errors) });
    const refused = await this.run(() =>
      this.commands.execute(
        new RecordManagementStatementCommand(id, dto, formContext(request, values, { revision: true })),
      ),
    );
    if (refused)
      return this.show(request, response, id, {
        status: 412,
        statement: formState('decl', values, [{ field: 'text', message: STALE }]),
      });
    response.redirect(303, `/instances/${encodeURIComponent(id)}?ok=declaration#declarations`);
  }

  /** Runs a command; true when it was refused because the meeting changed since the form was rendered (412). */
  private async run(command: () => Promise<unknown>): Promise<boolean> {
    try {
      await command();
      return false;
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'precondition_failed') return true;
      throw error;
    }
  }

  private async show(
    request: Request,
    response: Response,
    id: string,
    options: { status?: number; flash?: string | null; question?: FormState; statement?: FormState },
  ): Promise<void> {
    const user = userOf(request);
    const [meeting, demands, units] = await Promise.all([
      this.queries.execute<MeetingView>(new GetMeetingQuery(id, user?.organisationId)),
      this.queries.execute<DemandPage>(new ListDemandsQuery({ limit: 200 }, user?.organisationId)),
      this.queries.execute<UnitHierarchy>(new ListUnitsQuery(user?.organisationId)),
    ]);
    const page = meetingPage(
      meeting,
      readOnlyReason(user, meeting, units.items),
      {
        key: newFormKey(),
        question: options.question ?? formState('qd', { submittedBy: 'FO Justice' }),
        statement: options.statement ?? formState('decl'),
      },
      new Map(demands.items.map((d) => [d.id, d.title])),
    );
    await this.pages.render(
      request,
      response,
      'instances/seance',
      { title: page.title, nav: 'instances', flash: options.flash ?? null, status: options.status },
      page,
    );
  }
}

/**
 * Why the meeting page shows no form, or null when it may: the same rule as the meeting commands (issue 10,
 * defect 11): the instance's unit, or one of its parents, must be among the officer's sections; an instance
 * matched to no unit needs every section.
 */
const readOnlyReason = (
  user: ReturnType<typeof userOf>,
  meeting: MeetingView,
  roots: readonly UnitNode[],
): string | null => {
  if (!user || user.role === 'observer')
    return 'Votre compte est en lecture seule : vous voyez tout, sans formulaire.';
  if (user.sectionUnitIds === 'all') return null;
  const units = new Map<string, UnitInfo>();
  const visit = (nodes: readonly UnitNode[]): void =>
    nodes.forEach((node) => {
      units.set(node.id, { id: node.id, kind: node.kind, name: node.name, parentId: node.parentId });
      visit(node.children);
    });
  visit(roots);
  const chain: string[] = [];
  for (let unit = instanceUnit(meeting, units); unit && !chain.includes(unit.id);) {
    chain.push(unit.id);
    unit = unit.parentId ? (units.get(unit.parentId) ?? null) : null;
  }
  return mayWriteTo(user, chain)
    ? null
    : 'Cette instance est hors de vos sections : lecture seule (vous pouvez lire et télécharger son dossier).';
};
