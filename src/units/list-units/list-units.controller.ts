import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Org } from '../../infrastructure/http/request-context.js';
import { ListUnitsQuery, type UnitHierarchy } from './list-units.handler.js';

@ApiTags('units')
@Controller('units')
export class ListUnitsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The hierarchy DAP > DISP > SPIP > SIEGE | ANTENNA as a tree (`children`)' })
  list(@Org() organisationId: string | undefined): Promise<UnitHierarchy> {
    return this.queries.execute(new ListUnitsQuery(organisationId));
  }
}
