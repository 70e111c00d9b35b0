import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { Optional } from '../infrastructure/http/optional.js';

/** Ids that name units, visits and snapshots: slugs such as `ant-bethune` (what path ids accept). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const ID_MESSAGE =
  '$property doit être un identifiant : lettres, chiffres, « - » ou « _ », 1 à 64 caractères';

/** A calendar date, `YYYY-MM-DD` (dates sort as text in the read models). */
export const IsCalendarDate = (): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true }, { message: '$property doit être une date (AAAA-MM-JJ)' }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property doit être une date (AAAA-MM-JJ)' }),
  );

/** When it happened in the world; default now. */
export class OccurredAtRequest {
  @ApiPropertyOptional({ description: 'When it happened in the world (ISO 8601; default: now).' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
