import { Body, ConflictException, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type Request, type Response } from 'express';
import {
  CreateAccountController,
  CreateAccountRequest,
} from '../../accounts/create-account/create-account.controller.js';
import {
  CreateSectionController,
  CreateSectionRequest,
} from '../../accounts/create-section/create-section.controller.js';
import { DisableAccountController } from '../../accounts/disable-account/disable-account.controller.js';
import { ListAccountsController } from '../../accounts/list-accounts/list-accounts.controller.js';
import { Roles } from '../../accounts/roles.js';
import { ChangeDeadlineRulesCommand } from '../../deadline-rules/change-deadline-rules/change-deadline-rules.handler.js';
import { ChangeDeadlineRulesRequest } from '../../deadline-rules/change-deadline-rules/change-deadline-rules.request.js';
import { type DeadlineRulesView } from '../../deadline-rules/deadline-rules.responses.js';
import { DEADLINE_RULE_NAMES } from '../../deadline-rules/domain/deadline-rules.events.js';
import { GetDeadlineRulesQuery } from '../../deadline-rules/get-deadline-rules/get-deadline-rules.handler.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { ChangeReferenceRatiosCommand } from '../../reference-ratios/change-reference-ratios/change-reference-ratios.handler.js';
import { ChangeReferenceRatiosRequest } from '../../reference-ratios/change-reference-ratios/change-reference-ratios.request.js';
import { REFERENCE_RATIO_NAMES } from '../../reference-ratios/domain/reference-ratios.events.js';
import { GetReferenceRatiosQuery } from '../../reference-ratios/get-reference-ratios/get-reference-ratios.handler.js';
import { type ReferenceRatiosView } from '../../reference-ratios/reference-ratios.responses.js';
import {
  ListUnitsQuery,
  type UnitHierarchy,
  type UnitNode,
} from '../../units/list-units/list-units.handler.js';
import { DomainError } from '../../shared/domain-error.js';
import { dtoErrors, formContext, newFormKey } from '../forms/command-form.js';
import { type FieldError, formState, type FormState, stringFields } from '../forms/form.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { administrationPage, RATIO_LABELS, RULE_LABELS } from './administration.view.js';

const CONFIRMATIONS: Readonly<Record<string, string>> = {
  compte: 'Compte créé.',
  desactive: 'Compte désactivé : ses sessions sont fermées.',
  section: 'Section créée.',
  regles: 'Délais enregistrés, avec leur source.',
  ratios: 'Ratios de référence enregistrés, avec leur source.',
  inchange: 'Rien n’a changé : les valeurs envoyées sont celles déjà en vigueur.',
};
const confirmation = (code: unknown): string | null =>
  typeof code === 'string' && Object.hasOwn(CONFIRMATIONS, code) ? (CONFIRMATIONS[code] ?? null) : null;

const STALE =
  'Quelqu’un a modifié ces valeurs pendant que vous écriviez : rien n’a été enregistré. Voici les valeurs à jour ; renvoyez vos changements si besoin.';

const listField = (body: unknown, name: string): string[] => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
};

const flatten = (nodes: readonly UnitNode[]): UnitNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** A whole number within bounds, else a French message. */
const wholeNumber = (text: string | undefined, min: number, max: number, what: string): number | string => {
  const trimmed = (text ?? '').trim();
  if (!/^\d{1,4}$/.test(trimmed)) return `${what} : saisissez un nombre entier`;
  const n = Number(trimmed);
  return n < min || n > max ? `${what} : saisissez un nombre entre ${min} et ${max}` : n;
};

/**
 * Administration (admins only): accounts and roles, sections, deadline rules and reference ratios with their
 * source and history. Accounts and sections go through the API's own controllers; rules and ratios through their
 * commands, recorded as events with If-Match on the revision the form showed.
 */
@WebPage('administration')
@Roles('admin')
export class AdministrationController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly modules: ModuleRef,
  ) {}

  @Get()
  async show(@Req() request: Request, @Res() response: Response, @Query('ok') ok?: string): Promise<void> {
    await this.render(request, response, { flash: confirmation(ok) });
  }

  @Post('comptes')
  async createAccount(
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const sectionIds = listField(body, 'sectionIds');
    const errors: FieldError[] = [];
    const email = (values.email ?? '').trim();
    const displayName = (values.displayName ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      errors.push({
        field: 'email',
        message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
      });
    if (!displayName) errors.push({ field: 'displayName', message: 'Saisissez le nom affiché' });
    if (!['admin', 'officer', 'observer'].includes(values.role ?? ''))
      errors.push({ field: 'role', message: 'Choisissez un rôle' });
    if ((values.password ?? '').length < 12)
      errors.push({ field: 'password', message: 'Le mot de passe doit compter au moins 12 caractères' });
    const { request: dto, errors: more } = await dtoErrors(
      CreateAccountRequest,
      { email, displayName, role: values.role, password: values.password ?? '', sectionIds },
      {
        email: 'Saisissez une adresse e-mail valide',
        displayName: 'Le nom affiché doit compter au plus 200 caractères',
        password: 'Le mot de passe doit compter de 12 à 200 caractères',
        sectionIds: 'Choisissez des sections de la liste',
      },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length === 0) {
      try {
        await this.modules.get(CreateAccountController, { strict: false }).create(dto, request);
        return response.redirect(303, '/administration?ok=compte#comptes');
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        errors.push({ field: 'email', message: 'Un compte existe déjà pour cette adresse' });
      }
    }
    await this.render(request, response, {
      status: 400,
      account: formState('compte', { ...values, password: '', sectionIds: sectionIds.join(',') }, errors),
    });
  }

  @Post('comptes/:id/desactiver')
  async disable(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.modules.get(DisableAccountController, { strict: false }).disable(id, request);
    response.redirect(303, '/administration?ok=desactive#comptes');
  }

  @Post('sections')
  async createSection(
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const unitIds = listField(body, 'unitIds');
    const errors: FieldError[] = [];
    const sectionId = (values.sectionId ?? '').trim();
    const name = (values.name ?? '').trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(sectionId))
      errors.push({
        field: 'sectionId',
        message: 'Saisissez un identifiant court, lettres, chiffres et tirets, par exemple section-spip-62',
      });
    if (!name) errors.push({ field: 'name', message: 'Saisissez le nom de la section' });
    if (unitIds.length === 0)
      errors.push({ field: 'unitIds', message: 'Cochez au moins un SPIP ou une antenne' });
    const { request: dto, errors: more } = await dtoErrors(
      CreateSectionRequest,
      { sectionId, name, unitIds },
      { name: 'Le nom doit compter au plus 200 caractères', unitIds: 'Cochez des unités de la liste' },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length === 0) {
      try {
        await this.modules.get(CreateSectionController, { strict: false }).create(dto, request);
        return response.redirect(303, '/administration?ok=section#sections');
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        errors.push({ field: 'sectionId', message: 'Cette section existe déjà' });
      }
    }
    await this.render(request, response, {
      status: 400,
      section: formState('section', { ...values, unitIds: unitIds.join(',') }, errors),
    });
  }

  @Post('delais')
  async changeRules(
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const errors: FieldError[] = [];
    const rules: Record<string, number> = {};
    for (const name of DEADLINE_RULE_NAMES) {
      const n = wholeNumber(values[name], 1, name.endsWith('Months') ? 60 : 365, RULE_LABELS[name] ?? name);
      if (typeof n === 'string') errors.push({ field: name, message: n });
      else rules[name] = n;
    }
    if ((rules.urgentNoticeDays ?? 0) > (rules.noticeDays ?? 0))
      errors.push({
        field: 'urgentNoticeDays',
        message: 'Le délai d’urgence ne peut pas dépasser le délai ordinaire',
      });
    if ((rules.redeliberationMinDays ?? 0) > (rules.redeliberationMaxDays ?? 0))
      errors.push({
        field: 'redeliberationMinDays',
        message: 'Le délai au plus tôt ne peut pas dépasser le délai au plus tard',
      });
    const source = (values.source ?? '').trim();
    const reason = (values.reason ?? '').trim();
    if (!source)
      errors.push({
        field: 'source',
        message: 'Indiquez d’où viennent ces délais, par exemple « RI du CSA, art. 12 »',
      });
    const { request: dto, errors: more } = await dtoErrors(
      ChangeDeadlineRulesRequest,
      { ...rules, source, ...(reason ? { reason } : {}) },
      {
        source: 'La source doit compter au plus 300 caractères',
        reason: 'La raison doit compter au plus 2 000 caractères',
      },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.render(request, response, { status: 400, rules: formState('delais', values, errors) });
    try {
      const result = await this.commands.execute(
        new ChangeDeadlineRulesCommand(dto, formContext(request, values, { revision: true })),
      );
      response.redirect(303, `/administration?ok=${result.changed ? 'regles' : 'inchange'}#delais`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const message =
        error.kind === 'precondition_failed'
          ? STALE
          : error.kind === 'invalid'
            ? 'Ces délais ne sont pas cohérents entre eux : vérifiez-les'
            : null;
      if (!message) throw error;
      await this.render(request, response, {
        status: error.kind === 'precondition_failed' ? 412 : 422,
        rules: formState('delais', values, [{ field: 'source', message }]),
      });
    }
  }

  @Post('ratios')
  async changeRatios(
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const errors: FieldError[] = [];
    const ratios: Record<string, number> = {};
    for (const name of REFERENCE_RATIO_NAMES) {
      const n = wholeNumber(values[name], 10, 500, RATIO_LABELS[name] ?? name);
      if (typeof n === 'string') errors.push({ field: name, message: n });
      else ratios[name] = n;
    }
    const source = (values.source ?? '').trim();
    const reason = (values.reason ?? '').trim();
    if (!source)
      errors.push({
        field: 'source',
        message: 'Indiquez d’où viennent ces ratios, par exemple « OR DAP 2024 »',
      });
    const { request: dto, errors: more } = await dtoErrors(
      ChangeReferenceRatiosRequest,
      { ...ratios, source, ...(reason ? { reason } : {}) },
      {
        source: 'La source doit compter au plus 300 caractères',
        reason: 'La raison doit compter au plus 2 000 caractères',
      },
    );
    if (errors.length === 0) errors.push(...more);
    if (errors.length > 0)
      return this.render(request, response, { status: 400, ratios: formState('ratios', values, errors) });
    try {
      const result = await this.commands.execute(
        new ChangeReferenceRatiosCommand(dto, formContext(request, values, { revision: true })),
      );
      response.redirect(303, `/administration?ok=${result.changed ? 'ratios' : 'inchange'}#ratios`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'precondition_failed') throw error;
      await this.render(request, response, {
        status: 412,
        ratios: formState('ratios', values, [{ field: 'source', message: STALE }]),
      });
    }
  }

  private async render(
    request: Request,
    response: Response,
    options: {
      status?: number;
      flash?: string | null;
      account?: FormState;
      section?: FormState;
      rules?: FormState;
      ratios?: FormState;
    },
  ): Promise<void> {
    const user = userOf(request);
    const organisationId = user?.organisationId;
    const list = this.modules.get(ListAccountsController, { strict: false });
    const [accounts, sections, units, rules, ratios] = await Promise.all([
      list.list(request),
      list.sections(request),
      this.queries.execute<UnitHierarchy>(new ListUnitsQuery(organisationId)),
      this.queries.execute<DeadlineRulesView>(new GetDeadlineRulesQuery(organisationId)),
      this.queries.execute<ReferenceRatiosView>(new GetReferenceRatiosQuery(organisationId)),
    ]);
    const stringsOf = (record: Record<string, number>): Record<string, string> =>
      Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
    const page = administrationPage({
      selfId: user?.id ?? '',
      accounts: accounts.items,
      sections: sections.items,
      units: flatten(units.items)
        .filter((u) => u.kind === 'SPIP' || u.kind === 'ANTENNA')
        .map((u) => ({ id: u.id, name: u.name })),
      rules,
      ratios,
      forms: {
        key: newFormKey(),
        account: options.account ?? formState('compte', { role: 'officer' }),
        section: options.section ?? formState('section'),
        rules: {
          ...(options.rules ?? formState('delais', stringsOf(rules.values))),
          revision: rules.revision,
        } as FormState,
        ratios: {
          ...(options.ratios ?? formState('ratios', stringsOf(ratios.values))),
          revision: ratios.revision,
        } as FormState,
      },
    });
    await this.pages.render(
      request,
      response,
      'administration/administration',
      {
        title: 'Administration',
        nav: 'administration',
        flash: options.flash ?? null,
        status: options.status,
      },
      page,
    );
  }
}
