import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** What the officer picks for the meeting's dossier. */
export class ComposeDossierRequest {
  @ApiProperty({ type: [String], description: 'The demands in the dossier, in the order they are printed' })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(ID, {
    each: true,
    message: 'chaque valeur de demandIds doit être un identifiant de revendication',
  })
  demandIds!: string[];

  @ApiProperty({
    type: [String],
    description: 'Demands to raise as questions diverses, in order (a handful)',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ID, {
    each: true,
    message: 'chaque valeur de questionDemandIds doit être un identifiant de revendication',
  })
  questionDemandIds!: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'The déclaration liminaire as edited by the officer, one paragraph per entry (default: the draft)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 4000, { each: true })
  liminaire?: string[];

  @ApiPropertyOptional({ description: '"Données arrêtées au" (occurred time); default: the meeting’s date' })
  @Optional()
  @IsISO8601({ strict: true })
  arreteAu?: string;

  @ApiPropertyOptional({ enum: ['occurred', 'recorded'] })
  @Optional()
  @IsIn(['occurred', 'recorded'])
  known?: 'occurred' | 'recorded';

  @ApiPropertyOptional({ enum: ['roles', 'none'], description: 'none: admins only' })
  @Optional()
  @IsIn(['roles', 'none'])
  redaction?: 'roles' | 'none';
}
