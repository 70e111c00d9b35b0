import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { DEMAND_PRIORITIES, type DemandPriority } from '../domain/demand.events.js';

export class SetDemandPriorityRequest extends OccurredAtRequest {
  @ApiProperty({ enum: DEMAND_PRIORITIES })
  @IsIn(DEMAND_PRIORITIES)
  priority!: DemandPriority;
}
