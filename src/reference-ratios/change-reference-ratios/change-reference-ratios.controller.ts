import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../accounts/roles.js';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { ChangeReferenceRatiosResponse } from '../reference-ratios.responses.js';
import {
  ChangeReferenceRatiosCommand,
  type ChangeReferenceRatiosResult,
} from './change-reference-ratios.handler.js';
import { ChangeReferenceRatiosRequest } from './change-reference-ratios.request.js';

@ApiTags('reference-ratios')
@Controller('reference-ratios')
export class ChangeReferenceRatiosController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Set the organisation's reference staffing ratios (full set, with its source); recorded as an event; " +
      'a set equal to the ratios in force records nothing',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ratios revision you saw, e.g. "0"' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ChangeReferenceRatiosResponse })
  change(
    @Body() body: ChangeReferenceRatiosRequest,
    @Ctx() context: CommandContext,
  ): Promise<ChangeReferenceRatiosResult> {
    return this.commands.execute(new ChangeReferenceRatiosCommand(body, context));
  }
}
