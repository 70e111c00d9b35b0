import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import { ComposeDossierCommand } from '../../dossiers/compose-dossier/compose-dossier.handler.js';
import { ComposeDossierRequest } from '../../dossiers/compose-dossier/compose-dossier.request.js';
import {
  type DossierWorkspace,
  GetDossierWorkspaceQuery,
} from '../../dossiers/compose-dossier/get-dossier-workspace.handler.js';
import { DossierInvalidError } from '../../dossiers/domain/dossier.decide.js';
import { IssueDossierCommand, type IssueResult } from '../../dossiers/issue-dossier/issue-dossier.handler.js';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { GetMeetingQuery } from '../../meetings/get-meeting/get-meeting.handler.js';
import { type MeetingView } from '../../meetings/get-meeting/meeting.view.js';
import { DomainError } from '../../shared/domain-error.js';
import { dtoErrors, formContext, newFormKey, REVISION_FIELD } from '../forms/command-form.js';
import { type FieldError, formState, type FormState, stringFields } from '../forms/form.js';
import { frDate } from '../i18n/fr.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { compositionPage, readComposition } from './dossier-composition.view.js';

const CONFIRMATIONS: Readonly<Record<string, string>> = {
  composee: 'Composition enregistrée. Relisez-la ci-dessous, puis émettez le dossier.',
  emis: 'Dossier émis : il sera reproduit à l’identique, quels que soient les faits enregistrés ensuite.',
};
const confirmation = (code: unknown): string | null =>
  typeof code === 'string' && Object.hasOwn(CONFIRMATIONS, code) ? (CONFIRMATIONS[code] ?? null) : null;

const COMPOSED_FIRST =
  'Quelqu’un a composé ce dossier pendant que vous le prépariez : rien n’a été enregistré. La page montre ' +
  'maintenant sa composition, et vos choix sont gardés dans le formulaire : vérifiez-les puis enregistrez à nouveau.';
const CHANGED_BEFORE_ISSUE =
  'La composition a changé depuis que vous l’avez relue : rien n’a été émis. Relisez la composition ci-dessous ' +
  'puis émettez à nouveau.';

/** The API's field names, as the page names them (for the French message beside the right part of the form). */
const FIELD_OF: Readonly<Record<string, string>> = {
  demandIds: 'demandes',
  questionDemandIds: 'questions',
  liminaire: 'liminaire',
};

/**
 * The revision the form was rendered with: "-1" when nothing was composed yet, so that a first composition made
 * meanwhile by someone else is refused (412) rather than silently replaced.
 */
const withRevision = (context: CommandContext, values: Record<string, string>): CommandContext => {
  const raw = values[REVISION_FIELD];
  return {
    ...context,
    expectedRevision: raw !== undefined && /^-?\d{1,18}$/.test(raw) ? BigInt(raw) : undefined,
  };
};

/** A meeting's dossier: compose it (pick, order, edit the statement, check the names), issue it, get it. */
@WebPage('instances')
export class DossierCompositionController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get(':id/dossier')
  async show(
    @Param('id', IdPipe) id: string,
    @Req() request: Request,
    @Res() response: Response,
    @Query('ok') ok?: string,
  ): Promise<void> {
    await this.render(request, response, id, { flash: confirmation(ok) });
  }

  @Post(':id/dossier/composition')
  async compose(
    @Param('id', IdPipe) id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const workspace = await this.workspace(request, id);
    const read = readComposition(workspace, values);
    const user = userOf(request);
    const plain = {
      demandIds: read.demandIds,
      questionDemandIds: read.questionDemandIds,
      ...(read.liminaire ? { liminaire: read.liminaire } : {}),
      ...(workspace.composition
        ? { arreteAu: workspace.composition.arreteAu, known: workspace.composition.known }
        : {}),
      // Without masking is an admin's choice (as on the API): an officer recomposing keeps the names masked.
      redaction: workspace.composition?.redaction === 'none' && user?.role === 'admin' ? 'none' : 'roles',
    };
    const { request: dto, errors: more } = await dtoErrors(ComposeDossierRequest, plain, {
      demandIds: 'Une revendication cochée n’est pas reconnue : rechargez la page',
      questionDemandIds: 'Une question cochée n’est pas reconnue : rechargez la page',
      liminaire: 'Chaque paragraphe de la déclaration doit compter de 1 à 4 000 caractères',
    });
    const errors: FieldError[] = read.errors.length > 0 ? read.errors : more;
    const refused = (status: number, fieldErrors: FieldError[]) =>
      this.render(request, response, id, {
        status,
        workspace,
        compose: formState('composer', values, fieldErrors),
      });
    if (errors.length > 0) return refused(400, errors);
    try {
      await this.commands.execute(
        new ComposeDossierCommand(
          id,
          dto,
          withRevision(formContext(request, values, { keySuffix: 'composer' }), values),
        ),
      );
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'precondition_failed')
        return this.render(request, response, id, {
          status: 412,
          compose: formState('composer', values, [{ field: 'demandes', message: COMPOSED_FIRST }]),
        });
      if (error instanceof DossierInvalidError) {
        const field = FIELD_OF[String(error.details.field)] ?? 'demandes';
        return refused(422, [{ field, message: error.message }]);
      }
      throw error;
    }
    response.redirect(303, `/instances/${encodeURIComponent(id)}/dossier?ok=composee#emettre`);
  }

  @Post(':id/dossier/emission')
  async issue(
    @Param('id', IdPipe) id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    try {
      await this.commands.execute<IssueDossierCommand, IssueResult>(
        new IssueDossierCommand(
          id,
          withRevision(formContext(request, values, { keySuffix: 'emettre' }), values),
        ),
      );
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'precondition_failed')
        return this.render(request, response, id, {
          status: 412,
          issue: formState('emettre', {}, [{ field: 'emission', message: CHANGED_BEFORE_ISSUE }]),
        });
      if (error instanceof DomainError && error.kind === 'conflict')
        return this.render(request, response, id, {
          status: 409,
          issue: formState('emettre', {}, [{ field: 'emission', message: error.message }]),
        });
      throw error;
    }
    response.redirect(303, `/instances/${encodeURIComponent(id)}/dossier?ok=emis#emis`);
  }

  private workspace(request: Request, id: string): Promise<DossierWorkspace> {
    const user = userOf(request);
    return this.queries.execute(new GetDossierWorkspaceQuery(id, user?.organisationId, user?.sectionUnitIds));
  }

  private async render(
    request: Request,
    response: Response,
    id: string,
    options: {
      status?: number;
      flash?: string | null;
      workspace?: DossierWorkspace;
      compose?: FormState;
      issue?: FormState;
    },
  ): Promise<void> {
    const user = userOf(request);
    const [meeting, workspace] = await Promise.all([
      this.queries.execute<MeetingView>(new GetMeetingQuery(id, user?.organisationId)),
      options.workspace ?? this.workspace(request, id),
    ]);
    const page = compositionPage(
      workspace,
      { title: `${meeting.instanceName} — ${frDate(meeting.heldOn ?? meeting.scheduledFor)}` },
      { canWrite: !!user && user.role !== 'observer' },
      {
        key: newFormKey(),
        ...(options.compose ? { compose: options.compose } : {}),
        ...(options.issue ? { issue: options.issue } : {}),
      },
    );
    await this.pages.render(
      request,
      response,
      'dossier-composition/dossier-composition',
      {
        title: `Préparer le dossier — ${page.title}`,
        nav: 'instances',
        flash: options.flash ?? null,
        status: options.status,
      },
      page,
    );
  }
}
