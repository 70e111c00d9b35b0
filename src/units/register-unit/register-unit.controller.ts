import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../accounts/roles.js';
import { type CommandContext, type CommandResult } from '../../infrastructure/commands/command-context.js';
import { Ctx } from '../../infrastructure/http/request-context.js';
import { UnitCommandResultResponse } from '../units.responses.js';
import { RegisterUnitCommand } from './register-unit.handler.js';
import { RegisterUnitRequest } from './register-unit.request.js';

@ApiTags('units')
@Controller('units')
export class RegisterUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary: 'Register a unit of the hierarchy DAP > DISP > SPIP > SIEGE | ANTENNA',
    description:
      'Admins only: the hierarchy is what sections are made of. The parent must be registered first (by the same ' +
      'organisation) and be of the kind above (422 otherwise); an id already taken answers 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: UnitCommandResultResponse })
  register(@Body() body: RegisterUnitRequest, @Ctx() context: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new RegisterUnitCommand(body, context));
  }
}
