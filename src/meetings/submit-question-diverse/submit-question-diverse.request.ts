import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { DemandIdsRequest } from '../meeting.requests.js';

export class SubmitQuestionDiverseRequest extends DemandIdsRequest {
  @ApiProperty({ example: 'Quand le poste d’ASE manquant à Béthune sera-t-il ouvert ?' })
  @IsString()
  @Length(1, 5000)
  text!: string;

  @ApiPropertyOptional({ example: 'FO Justice' })
  @Optional()
  @IsString()
  @Length(1, 100)
  submittedBy?: string;
}
