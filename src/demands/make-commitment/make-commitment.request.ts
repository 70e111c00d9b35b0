import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { Optional } from '../../infrastructure/http/optional.js';

/** `occurredAt` is when management committed. */
export class MakeCommitmentRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'Recrutement d’un ASE à l’antenne de Béthune' })
  @IsString()
  @Length(1, 500)
  deliverable!: string;

  @ApiProperty({ description: 'Role of whoever committed', example: 'DFSPIP' })
  @IsString()
  @Length(1, 200)
  owner!: string;

  @ApiProperty({ description: 'When it is due (ISO 8601)' })
  @IsISO8601({ strict: true })
  dueAt!: string;

  @ApiPropertyOptional({ description: 'How the union will know it is done', example: 'ASE en poste' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  acceptanceCriterion?: string;
}
