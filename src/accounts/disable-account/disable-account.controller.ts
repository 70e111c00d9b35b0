import { Controller, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { Roles } from '../roles.js';

@ApiTags('admin')
@Controller('admin/accounts')
export class DisableAccountController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post(':id/disable')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disable an account: its tokens stop working at once (admin)' })
  @ApiNoContentResponse()
  async disable(@Param('id') id: string, @Req() request: Request): Promise<void> {
    const admin = userOf(request);
    const account = await this.accounts.byId(id);
    if (!admin || !account || account.organisationId !== admin.organisationId) {
      throw new NotFoundException('Compte introuvable');
    }
    await this.accounts.disable(account.accountId);
    await this.accounts.log('account_disabled', {
      accountId: account.accountId,
      organisationId: account.organisationId,
      email: account.email,
      ip: request.ip,
      detail: { by: admin.id },
    });
  }
}
