import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { Optional } from '../infrastructure/http/optional.js';

/** Who must act: a role in an organisation (e.g. DFSPIP at SPIP 62). */
export class AddresseeRequest {
  @ApiProperty({ example: 'DFSPIP' })
  @IsString()
  @Length(1, 200)
  role!: string;

  @ApiProperty({ example: 'spip-62' })
  @IsString()
  @Length(1, 200)
  organisation!: string;
}

/** Fields every demand command body may carry. */
export class OccurredAtRequest {
  @ApiPropertyOptional({ description: 'When it happened in the world (ISO 8601; default: now).' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
