import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { REASON_MAX_LENGTH, RULE_RANGES, SOURCE_MAX_LENGTH } from '../domain/deadline-rules.decide.js';

const { noticeDays, urgentNoticeDays, avisFollowUpMonths, minutesMonths } = RULE_RANGES;
const { redeliberationMinDays, redeliberationMaxDays, responseWindowDays } = RULE_RANGES;

/**
 * The full rule set (PUT replaces it whole) and where it comes from. Each rule is checked here against its own
 * range; the rules bounded by another (urgent ≤ ordinary notice, re-deliberation min ≤ max) are checked by the
 * domain (422).
 */
export class ChangeDeadlineRulesRequest {
  @ApiProperty({
    ...noticeDays,
    example: 15,
    description: 'Convocation and documents, days before the meeting',
  })
  @IsInt()
  @Min(noticeDays.min)
  @Max(noticeDays.max)
  noticeDays!: number;

  @ApiProperty({ ...urgentNoticeDays, example: 8, description: 'The same in an urgent case (≤ noticeDays)' })
  @IsInt()
  @Min(urgentNoticeDays.min)
  @Max(urgentNoticeDays.max)
  urgentNoticeDays!: number;

  @ApiProperty({ ...avisFollowUpMonths, example: 2, description: "President's written follow-up to an avis" })
  @IsInt()
  @Min(avisFollowUpMonths.min)
  @Max(avisFollowUpMonths.max)
  avisFollowUpMonths!: number;

  @ApiProperty({
    ...minutesMonths,
    example: 1,
    description: 'Minutes sent to members, months after the meeting',
  })
  @IsInt()
  @Min(minutesMonths.min)
  @Max(minutesMonths.max)
  minutesMonths!: number;

  @ApiProperty({
    ...redeliberationMinDays,
    example: 8,
    description: 'New deliberation no sooner than (days)',
  })
  @IsInt()
  @Min(redeliberationMinDays.min)
  @Max(redeliberationMinDays.max)
  redeliberationMinDays!: number;

  @ApiProperty({
    ...redeliberationMaxDays,
    example: 30,
    description: '…and no later than (days, ≥ the minimum)',
  })
  @IsInt()
  @Min(redeliberationMaxDays.min)
  @Max(redeliberationMaxDays.max)
  redeliberationMaxDays!: number;

  @ApiProperty({
    ...responseWindowDays,
    example: 30,
    description: 'Days management is given to answer a submitted demand without a due date',
  })
  @IsInt()
  @Min(responseWindowDays.min)
  @Max(responseWindowDays.max)
  responseWindowDays!: number;

  @ApiProperty({
    example: 'RI du CSA SPIP 62, art. 12',
    description: 'Where the rules come from (RI article…)',
  })
  @IsString()
  @Length(1, SOURCE_MAX_LENGTH)
  source!: string;

  @ApiPropertyOptional({ description: 'Why they change' })
  @Optional()
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({ description: 'When the change took effect (ISO 8601; default: now)' })
  @Optional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
