import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import {
  EVIDENCE_KINDS,
  VERIFICATION_FINDINGS,
  type EvidenceKind,
  type VerificationFinding,
} from '../domain/demand.events.js';
import { Optional } from '../../infrastructure/http/optional.js';

/** What the verification rests on: an observation, a document, a minutes extract. */
export class EvidenceRequest {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @ApiProperty({ example: 'PV CSA SPIP 62 du 2024-10-10, p. 4' })
  @IsString()
  @Length(1, 300)
  reference!: string;

  @ApiProperty({ example: 'Prise de poste de l’ASE constatée' })
  @IsString()
  @Length(1, 5000)
  description!: string;
}

export class VerifyDemandRequest {
  @ApiProperty({ type: EvidenceRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceRequest)
  evidence!: EvidenceRequest;

  @ApiProperty({ enum: VERIFICATION_FINDINGS })
  @IsIn(VERIFICATION_FINDINGS)
  finding!: VerificationFinding;

  @ApiPropertyOptional({ description: 'When it was verified (ISO 8601; default: now)' })
  @Optional()
  @IsISO8601({ strict: true })
  verifiedAt?: string;
}
