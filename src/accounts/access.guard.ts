import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { type Request } from 'express';
import { type RequestUser } from '../infrastructure/http/request-context.js';
import { AccountsRepository } from './accounts.repository.js';
import { IS_PUBLIC, REQUIRED_ROLES, type Role } from './roles.js';

export const SESSION_COOKIE = 'session';

export type TokenPayload = { sub: string; sv: number };

/**
 * Every route denies by default. A token (Bearer header, or the session cookie of the web interface) must be
 * valid AND its account enabled with the same session version: disabling an account, logging out or changing a
 * password ends its tokens at once (the account as read is reused at most ACCESS_CACHE_MS, and forgotten by every
 * instance the moment it changes, ADR 0022). Then roles: reads for every role, writes for officers and admins, unless the
 * route says otherwise with @Roles.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: RequestUser }>();
    const token = tokenOf(request);
    if (!token) throw new UnauthorizedException('Authentification requise');
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthorizedException('Jeton invalide ou expiré');
    }
    const account = await this.accounts.forAccess(payload.sub);
    if (!account || account.disabledAt || account.sessionVersion !== payload.sv) {
      throw new UnauthorizedException('Session terminée');
    }
    request.user = {
      id: account.accountId,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      organisationId: account.organisationId,
      sectionUnitIds: account.role === 'admin' ? 'all' : account.sectionUnitIds,
    };
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const allowed: readonly Role[] =
      required ??
      (['GET', 'HEAD'].includes(request.method) ? ['admin', 'officer', 'observer'] : ['admin', 'officer']);
    if (!allowed.includes(account.role))
      throw new ForbiddenException('Votre rôle ne permet pas cette action');
    return true;
  }
}

const tokenOf = (request: Request): string | undefined => {
  const header = request.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const cookies = (request as Request & { cookies?: Record<string, string> }).cookies;
  return cookies?.[SESSION_COOKIE];
};
