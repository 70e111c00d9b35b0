import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { Optional } from '../infrastructure/http/optional.js';
import { isCalendarDate } from './domain/meeting-dates.js';

/** Ids of other resources named in a body (demands, meetings): the same shape as path ids. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A calendar date written `YYYY-MM-DD` (a meeting, a letter arrive on a day, not at an instant). */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} doit être une date AAAA-MM-JJ`,
      },
    },
    options,
  );

/** Fields every meeting command body may carry. */
export class OccurredAtRequest {
  @ApiPropertyOptional({
    description: 'When it happened in the world (ISO 8601). Default: the day the body names, else now.',
  })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

/** Demands an item or a statement concerns (ids of demands; not checked here, the demand may come later). */
export class DemandIdsRequest extends OccurredAtRequest {
  @ApiPropertyOptional({ type: [String], example: ['dem-B4'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'chaque valeur de demandIds doit être un identifiant' })
  demandIds?: string[];
}

/** One union's votes on one item. */
export class UnionVoteRequest {
  @ApiProperty({ example: 'FO Justice' })
  @IsString()
  @Length(1, 100)
  union!: string;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1000)
  pour!: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1000)
  contre!: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1000)
  abstention!: number;
}
