import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { Roles } from '../roles.js';

@ApiTags('admin')
@Controller('admin')
export class ListAccountsController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Get('accounts')
  @Roles('admin')
  @ApiOperation({ summary: 'Accounts of my organisation (admin)' })
  async list(@Req() request: Request) {
    const organisationId = userOf(request)?.organisationId ?? '';
    const accounts = await this.accounts.list(organisationId);
    return {
      items: accounts.map(({ passwordHash: _hash, ...account }) => ({
        ...account,
        disabledAt: account.disabledAt ? new Date(account.disabledAt).toISOString() : null,
      })),
    };
  }

  @Get('sections')
  @Roles('admin', 'officer', 'observer')
  @ApiOperation({ summary: 'Sections of my organisation' })
  async sections(@Req() request: Request) {
    return { items: await this.accounts.sections(userOf(request)?.organisationId ?? '') };
  }
}
