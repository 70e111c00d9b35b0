import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Length } from 'class-validator';
import { LEGAL_BASIS_ORIGINS } from './domain/demand.events.js';
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

/** A legal basis recorded with a demand: reference, text, and who added it. */
export class LegalBasisRequest {
  @ApiProperty({ example: 'Loi n° 2005-102 du 11 février 2005' })
  @IsString()
  @Length(1, 300)
  reference!: string;

  @ApiPropertyOptional({ description: 'The text of the basis (article, extract).' })
  @Optional()
  @IsString()
  @Length(1, 4000)
  text?: string;

  @ApiProperty({
    enum: LEGAL_BASIS_ORIGINS,
    description: 'source: the raising document gives it; officer: added',
  })
  @IsIn(LEGAL_BASIS_ORIGINS)
  origin!: 'source' | 'officer';
}

/** Fields every demand command body may carry. */
export class OccurredAtRequest {
  @ApiPropertyOptional({ description: 'When it happened in the world (ISO 8601; default: now).' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
