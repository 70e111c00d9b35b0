import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { MILIEUX, UNIT_KINDS, type Milieu, type UnitKind } from '../domain/units.events.js';
import { ID_MESSAGE, ID_PATTERN, OccurredAtRequest } from '../units.requests.js';

export class RegisterUnitRequest extends OccurredAtRequest {
  @ApiProperty({
    description: 'Chosen by the caller: a slug',
    example: 'ant-bethune',
    pattern: ID_PATTERN.source,
  })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  unitId!: string;

  @ApiProperty({ enum: UNIT_KINDS, description: 'DAP > DISP > SPIP > SIEGE | ANTENNA' })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiProperty({ example: 'ALIP MO de Béthune' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    description: 'The unit it belongs to, already registered (required except for the DAP)',
    example: 'spip-62',
  })
  @ValidateIf((o: RegisterUnitRequest) => o.kind !== 'DAP' || o.parentId !== undefined)
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  parentId?: string;

  @ApiPropertyOptional({ enum: MILIEUX, description: 'Antennas only (required for them)' })
  @ValidateIf((o: RegisterUnitRequest) => o.kind === 'ANTENNA' || o.milieu !== undefined)
  @IsIn(MILIEUX)
  milieu?: Milieu;

  @ApiPropertyOptional({ example: 'Centre pénitentiaire de Longuenesse' })
  @Optional()
  @IsString()
  @Length(1, 200)
  establishment?: string;
}
