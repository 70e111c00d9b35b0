import { Body, Get, HttpException, Post, Query, Req, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Request, type Response } from 'express';
import { SESSION_COOKIE } from '../../accounts/access.guard.js';
import { ChangePasswordController } from '../../accounts/change-password/change-password.controller.js';
import { LoginController } from '../../accounts/login/login.controller.js';
import { LogoutController } from '../../accounts/logout/logout.controller.js';
import { Public, Roles } from '../../accounts/roles.js';
import { type FieldError, formState, safeReturnPath, stringFields } from '../forms/form.js';
import { confirmationOf } from '../i18n/messages.js';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';
import { type ConnexionPage, connexionPage, type PasswordPage, passwordPage } from './connexion.view.js';

/**
 * Connexion, déconnexion and password change. Each form does exactly what its API route does (the same
 * controller method, so the same checks, logs and rate limit): the page adds French messages and redirects.
 */
@WebPage()
export class ConnexionController {
  constructor(
    private readonly pages: Pages,
    private readonly modules: ModuleRef,
  ) {}

  @Get('connexion')
  @Public()
  async form(
    @Req() request: Request,
    @Res() response: Response,
    @Query('suite') suite?: string,
    @Query('ok') ok?: string,
  ): Promise<void> {
    await this.show(
      request,
      response,
      connexionPage(formState('connexion', { suite: safeReturnPath(suite) })),
      {
        flash: confirmationOf(ok),
      },
    );
  }

  @Post('connexion')
  @Public()
  async login(@Body() body: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    const values = stringFields(body);
    const email = (values.email ?? '').trim();
    const password = values.password ?? '';
    // An address with accounts in several organisations logs in to the one named (like the API's `organisation`).
    const organisation = (values.organisation ?? '').trim() || undefined;
    const kept = { email, suite: safeReturnPath(values.suite), organisation: organisation ?? '' };
    const errors: FieldError[] = [];
    if (!email) errors.push({ field: 'email', message: 'Saisissez votre adresse e-mail' });
    else if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320)
      errors.push({
        field: 'email',
        message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
      });
    if (!password) errors.push({ field: 'password', message: 'Saisissez votre mot de passe' });
    else if (password.length > 200) errors.push({ field: 'password', message: 'Mot de passe trop long' });
    if (organisation !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(organisation))
      errors.push({
        field: 'organisation',
        message:
          'Saisissez l’identifiant de l’organisation (lettres, chiffres, - et _), par exemple fo-justice-cpip',
      });
    if (errors.length > 0)
      return this.show(request, response, connexionPage(formState('connexion', kept, errors)), {
        status: 400,
      });
    try {
      await this.modules
        .get(LoginController, { strict: false })
        .login({ email, password, ...(organisation ? { organisation } : {}) }, request, response);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 401) throw error;
      // The same words whether the account exists, is disabled, or the password is wrong.
      const refused = formState('connexion', kept, []);
      return this.show(request, response, connexionPage(refused, 'refused'), { status: 401 });
    }
    response.redirect(303, kept.suite);
  }

  @Post('deconnexion')
  @Roles('admin', 'officer', 'observer')
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.modules.get(LogoutController, { strict: false }).logout(request, response);
    response.redirect(303, '/connexion?ok=deconnexion');
  }

  @Get('mot-de-passe')
  async passwordForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.pages.render(
      request,
      response,
      'connexion/mot-de-passe',
      { title: 'Changer de mot de passe', nav: null },
      passwordPage(formState('mdp')),
    );
  }

  @Post('mot-de-passe')
  @Roles('admin', 'officer', 'observer')
  async changePassword(
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = stringFields(body);
    const current = values.current ?? '';
    const next = values.next ?? '';
    const confirm = values.confirm ?? '';
    const errors: FieldError[] = [];
    let status = 400;
    if (!current) errors.push({ field: 'current', message: 'Saisissez votre mot de passe actuel' });
    if (next.length < 12)
      errors.push({ field: 'next', message: 'Le nouveau mot de passe doit compter au moins 12 caractères' });
    else if (next.length > 200)
      errors.push({ field: 'next', message: 'Le nouveau mot de passe doit compter au plus 200 caractères' });
    else if (confirm !== next)
      errors.push({ field: 'confirm', message: 'Les deux saisies du nouveau mot de passe sont différentes' });
    if (errors.length === 0) {
      try {
        await this.modules
          .get(ChangePasswordController, { strict: false })
          .change({ currentPassword: current, newPassword: next }, request);
        response.clearCookie(SESSION_COOKIE, { path: '/' });
        return response.redirect(303, '/connexion?ok=mot-de-passe');
      } catch (error) {
        if (!(error instanceof HttpException)) throw error;
        if (error.getStatus() === 401)
          errors.push({ field: 'current', message: 'Le mot de passe actuel est incorrect' });
        else if (error.getStatus() === 429) {
          status = 429;
          errors.push({
            field: 'current',
            message: 'Trop de tentatives : patientez une minute puis réessayez',
          });
        } else throw error;
      }
    }
    await this.pages.render(
      request,
      response,
      'connexion/mot-de-passe',
      { title: 'Changer de mot de passe', nav: null, status },
      passwordPage(formState('mdp', {}, errors)),
    );
  }

  private show(
    request: Request,
    response: Response,
    page: ConnexionPage | PasswordPage,
    options: { status?: number; flash?: string | null } = {},
  ): Promise<void> {
    return this.pages.render(
      request,
      response,
      'connexion/connexion',
      { title: 'Connexion', nav: null, ...options },
      page,
    );
  }
}
