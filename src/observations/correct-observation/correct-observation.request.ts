import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { OBSERVATION_CATEGORIES, type ObservationCategory } from '../domain/observation.events.js';
import { FactRequest, OccurredAtRequest } from '../observations.requests.js';

/** Give at least one of text, facts, category, different from the current value (422 otherwise). */
export class CorrectObservationRequest extends OccurredAtRequest {
  @ApiPropertyOptional({ description: 'The corrected text' })
  @Optional()
  @IsString()
  @Length(1, 5000)
  text?: string;

  @ApiPropertyOptional({ type: [FactRequest], description: 'The full corrected list of facts' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FactRequest)
  facts?: FactRequest[];

  @ApiPropertyOptional({ enum: OBSERVATION_CATEGORIES })
  @Optional()
  @IsIn(OBSERVATION_CATEGORIES)
  category?: ObservationCategory;

  @ApiProperty({ description: 'Why it is corrected', example: 'Coquille dans le nombre de jours' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
