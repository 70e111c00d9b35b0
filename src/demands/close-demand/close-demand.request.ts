import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateBy, type ValidationOptions } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';
import { Optional } from '../../infrastructure/http/optional.js';

export const CLOSE_OUTCOMES = ['satisfied', 'partially_satisfied', 'refused'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** The field may only be given with one of these outcomes (the domain keeps a note or a reason, not both). */
const OnlyWithOutcome = (outcomes: readonly CloseOutcome[], options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'onlyWithOutcome',
      validator: {
        validate: (_value, args) => {
          const outcome = (args?.object as CloseDemandRequest).outcome;
          // An unknown outcome is reported on `outcome` itself.
          return !CLOSE_OUTCOMES.includes(outcome) || outcomes.includes(outcome);
        },
        defaultMessage: (args) => `${args?.property} ne va qu’avec l’issue ${outcomes.join(' ou ')}`,
      },
    },
    options,
  );

export class CloseDemandRequest extends OccurredAtRequest {
  @ApiProperty({ enum: CLOSE_OUTCOMES })
  @IsIn(CLOSE_OUTCOMES)
  outcome!: CloseOutcome;

  @ApiPropertyOptional({ description: 'With "satisfied" or "partially_satisfied"' })
  @Optional()
  @IsString()
  @Length(1, 5000)
  @OnlyWithOutcome(['satisfied', 'partially_satisfied'])
  note?: string;

  @ApiPropertyOptional({ description: 'With "refused": why the union closes it as refused' })
  @Optional()
  @IsString()
  @Length(1, 2000)
  @OnlyWithOutcome(['refused'])
  reason?: string;
}
