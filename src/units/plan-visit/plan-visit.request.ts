import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate, OccurredAtRequest } from '../units.requests.js';

export class PlanVisitRequest extends OccurredAtRequest {
  @ApiPropertyOptional({
    description: 'Chosen by the caller (default: generated)',
    example: 'visit-fo-2024-01',
  })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  visitId?: string;

  @ApiProperty({ type: [String], example: ['ant-longuenesse', 'ant-bethune'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(ID_PATTERN, {
    each: true,
    message: 'chaque valeur de $property doit être un identifiant d’antenne',
  })
  antennaIds!: string[];

  @ApiPropertyOptional({
    description: 'Planned date (YYYY-MM-DD); leave out when not fixed yet',
    example: '2024-01-24',
  })
  @Optional()
  @IsCalendarDate()
  plannedFor?: string;
}
