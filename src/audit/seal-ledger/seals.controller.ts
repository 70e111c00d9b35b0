import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Inject } from '@nestjs/common';
import { Roles } from '../../accounts/roles.js';
import { DATABASE, type Database } from '../../infrastructure/database/database.js';
import { GetLatestSealQuery } from '../get-latest-seal/get-latest-seal.query.js';
import { type Seal } from '../seals/seal.js';
import { allSeals } from '../seals/seals.repository.js';
import { SealLedgerCommand } from './seal-ledger.handler.js';

@ApiTags('audit')
@Controller('audit/seals')
export class SealsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: "Seal the audit ledger's head now (admin); answers the seal" })
  seal(): Promise<Seal> {
    return this.commands.execute(new SealLedgerCommand('on demand'));
  }

  @Get('latest')
  @ApiOperation({ summary: 'The latest seal of the audit ledger (null when none yet)' })
  async latest(): Promise<{ seal: Seal | null }> {
    return { seal: await this.queries.execute(new GetLatestSealQuery()) };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Every seal, oldest first, as JSON lines (admin): keep a copy outside the database',
  })
  async export(@Res() response: Response): Promise<void> {
    const seals = await allSeals(this.db);
    response
      .type('application/x-ndjson')
      .setHeader('Content-Disposition', 'attachment; filename="audit-seals.jsonl"');
    response.send(seals.map((seal) => JSON.stringify(seal)).join('\n') + (seals.length ? '\n' : ''));
  }
}
