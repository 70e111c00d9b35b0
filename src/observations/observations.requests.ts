import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Length, ValidateBy } from 'class-validator';
import { Optional } from '../infrastructure/http/optional.js';
import { type FactValue } from './domain/observation.events.js';

/** Ids of observations, antennas and visits: slugs such as `obs-B01` (what path ids accept). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const ID_MESSAGE =
  '$property doit être un identifiant : lettres, chiffres, « - » ou « _ », 1 à 64 caractères';

const isScalar = (value: unknown): boolean =>
  (typeof value === 'string' && value.length > 0 && value.length <= 500) ||
  (typeof value === 'number' && Number.isFinite(value));

/** A fact's value: a string, a number, or a non-empty list of them. */
const IsFactValue = (): PropertyDecorator =>
  ValidateBy({
    name: 'isFactValue',
    validator: {
      validate: (value: unknown) =>
        isScalar(value) ||
        (Array.isArray(value) && value.length > 0 && value.length <= 50 && value.every(isScalar)),
      defaultMessage: () => '$property doit être un texte, un nombre ou une liste non vide de ceux-ci',
    },
  });

/** A structured fact read in the report, e.g. `{ "key": "prep_window_days", "value": 2 }`. */
export class FactRequest {
  @ApiProperty({ example: 'prep_window_days' })
  @IsString()
  @Length(1, 100)
  key!: string;

  @ApiProperty({
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
    ],
    example: 2,
  })
  @IsFactValue()
  value!: FactValue;
}

/** When it happened in the world; default now. */
export class OccurredAtRequest {
  @ApiPropertyOptional({ description: 'When it happened in the world (ISO 8601; default: now).' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
