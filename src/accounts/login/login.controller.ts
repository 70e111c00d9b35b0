import { Body, Controller, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { AppConfig } from '../../config/app-config.js';
import { AccountsRepository } from '../accounts.repository.js';
import { SESSION_COOKIE, type TokenPayload } from '../access.guard.js';
import { decoyHash, verifyPassword } from '../passwords.js';
import { Public } from '../roles.js';
import { loginOutcome } from './login-outcome.js';
import { LoginRequest } from './login.request.js';

export class LoginResponse {
  accessToken!: string;
  expiresIn!: number;
}

@ApiTags('auth')
@Controller('auth')
export class LoginController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: a short-lived access token, and an httpOnly session cookie for the web interface',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({
    description: 'More than LOGIN_RATE_LIMIT attempts a minute from this address',
  })
  async login(
    @Body() body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const candidates = await this.accounts.byEmail(body.email);
    const outcome = await loginOutcome(candidates, body, verifyPassword, decoyHash);
    if (!outcome.ok) {
      // The attempt goes to the log of the organisation whose account it aimed at (of each, when the address is in
      // several and none was named); an unknown address belongs to no organisation's log.
      const aimedAt = outcome.account ? [outcome.account] : outcome.reason === 'ambiguous' ? candidates : [];
      for (const account of aimedAt.length > 0 ? aimedAt : [undefined]) {
        await this.accounts.log('login_failed', {
          accountId: account?.accountId,
          organisationId: account?.organisationId,
          email: body.email,
          ip: request.ip,
          detail: { reason: outcome.reason },
        });
      }
      throw new UnauthorizedException('Identifiants incorrects');
    }
    const account = outcome.account;
    const payload: TokenPayload = { sub: account.accountId, sv: account.sessionVersion };
    const accessToken = await this.jwt.signAsync(payload);
    response.cookie(SESSION_COOKIE, accessToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.NODE_ENV === 'production',
      path: '/',
      maxAge: this.config.ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
    await this.accounts.log('login_succeeded', {
      accountId: account.accountId,
      organisationId: account.organisationId,
      email: account.email,
      ip: request.ip,
    });
    return { accessToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }
}
