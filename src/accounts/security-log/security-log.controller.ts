import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { Roles } from '../roles.js';

@ApiTags('admin')
@Controller('admin/security-log')
export class SecurityLogController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Logins, failed logins and account changes, newest first (admin)' })
  async list(@Req() request: Request) {
    return { items: await this.accounts.securityLog(userOf(request)?.organisationId ?? '', 500) };
  }
}
