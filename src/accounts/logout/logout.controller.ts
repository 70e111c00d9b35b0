import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { SESSION_COOKIE } from '../access.guard.js';
import { Roles } from '../roles.js';

@ApiTags('auth')
@Controller('auth')
export class LogoutController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post('logout')
  @Roles('admin', 'officer', 'observer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: every token of this account stops working' })
  @ApiNoContentResponse()
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const user = userOf(request);
    if (!user) return;
    await this.accounts.endSessions(user.id);
    await this.accounts.log('logout', {
      accountId: user.id,
      organisationId: user.organisationId,
      ip: request.ip,
    });
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
