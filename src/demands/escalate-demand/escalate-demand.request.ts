import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { AddresseeRequest, OccurredAtRequest } from '../demand.requests.js';
import { DEMAND_LEVELS, type DemandLevel } from '../domain/demand.events.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class EscalateDemandRequest extends OccurredAtRequest {
  @ApiProperty({ enum: DEMAND_LEVELS })
  @IsIn(DEMAND_LEVELS)
  toLevel!: DemandLevel;

  @ApiProperty({ example: 'Deux reports sans réponse au niveau local' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({
    type: [AddresseeRequest],
    description: 'Who must act at the new level (default: unchanged)',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AddresseeRequest)
  addressees?: AddresseeRequest[];
}
