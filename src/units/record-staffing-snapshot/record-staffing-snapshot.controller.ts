import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { IdPipe } from '../../infrastructure/http/id-param.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { UnitCommandResultResponse } from '../units.responses.js';
import { RecordStaffingSnapshotCommand } from './record-staffing-snapshot.handler.js';
import { RecordStaffingSnapshotRequest } from './record-staffing-snapshot.request.js';

@ApiTags('antennas')
@Controller('antennas/:id/staffing-snapshots')
export class RecordStaffingSnapshotController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: "Record an antenna's staffing on a date: headcount per role, vacancies, caseload",
    description:
      'Counts are people, not ETP. Ratios against the reference are derived when read (dashboard), with their assumptions. ' +
      'Unknown antenna: 404; a unit that is not an antenna: 409; a snapshot id already used on the antenna: 409.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The antenna revision you saw, e.g. "3"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: UnitCommandResultResponse, description: '`id` is the snapshot id' })
  record(
    @Param('id', IdPipe) antennaId: string,
    @Body() body: RecordStaffingSnapshotRequest,
    @Ctx() context: CommandContext,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordStaffingSnapshotCommand(antennaId, body, context));
  }
}
