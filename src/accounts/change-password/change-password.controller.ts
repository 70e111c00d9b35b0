import { Body, Controller, HttpCode, Post, Req, UnauthorizedException } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { type Request } from 'express';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { Roles } from '../roles.js';
import { PasswordChangeAttempts } from './password-attempts.js';

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @Length(12, 200)
  newPassword!: string;
}

@ApiTags('auth')
@Controller('auth')
export class ChangePasswordController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly attempts: PasswordChangeAttempts,
  ) {}

  @Post('password')
  @Roles('admin', 'officer', 'observer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password; every session of the account ends (log in again)' })
  @ApiNoContentResponse()
  @ApiTooManyRequestsResponse({
    description:
      'More than LOGIN_RATE_LIMIT wrong current passwords a minute for this account; nothing changed',
  })
  async change(@Body() body: ChangePasswordRequest, @Req() request: Request): Promise<void> {
    const user = userOf(request);
    const account = user ? await this.accounts.byId(user.id) : undefined;
    if (!account) throw new UnauthorizedException('Mot de passe actuel incorrect');
    await this.attempts.begin(account.accountId);
    if (!(await verifyPassword(account.passwordHash, body.currentPassword))) {
      throw new UnauthorizedException('Mot de passe actuel incorrect');
    }
    await this.attempts.succeeded(account.accountId);
    await this.accounts.setPassword(account.accountId, await hashPassword(body.newPassword));
    await this.accounts.log('password_changed', {
      accountId: account.accountId,
      organisationId: account.organisationId,
      ip: request.ip,
    });
  }
}
