import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { Optional } from '../../infrastructure/http/optional.js';

export class ReportProgressRequest extends OccurredAtRequest {
  @ApiProperty({ minimum: 0, maximum: 100, description: '100 marks the commitment (or every open one) done' })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiProperty({ example: 'Fiche de poste publiée' })
  @IsString()
  @Length(1, 5000)
  note!: string;

  @ApiPropertyOptional({ description: 'The commitment it is about (default: the demand as a whole)' })
  @Optional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'commitmentId doit être un identifiant' })
  commitmentId?: string;
}
