import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../units.requests.js';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ListAntennasRequest {
  @ApiPropertyOptional({ description: 'Only antennas under this unit (a SPIP, a DISP…)', example: 'spip-62' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  within?: string;

  @ApiPropertyOptional({ description: 'true: visited at least once; false: not yet visited' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  visited?: boolean;
}
