import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type DeadlineRuleName } from './domain/deadline-rules.events.js';

export class ChangeDeadlineRulesResponse {
  @ApiProperty({ description: 'The organisation whose rules these are' })
  id!: string;

  @ApiProperty({
    description: 'Revision of the rules after the command (-1: never changed); use it in If-Match',
  })
  revision!: number;

  @ApiProperty({ description: 'Opaque position of the recorded event (empty when nothing was recorded)' })
  position!: string;

  @ApiProperty({ description: 'False when the set equalled the rules in force: nothing was recorded' })
  changed!: boolean;
}

/** One rule: its value in force, its default, and whether the value is the default. */
export class DeadlineRuleView {
  @ApiProperty() name!: DeadlineRuleName;
  @ApiProperty() value!: number;
  @ApiProperty({ description: 'The documented default ([known] rule, to check against the RI)' })
  default!: number;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ enum: ['days', 'months'] }) unit!: 'days' | 'months';
}

export class DeadlineRuleChangeView {
  @ApiProperty() name!: DeadlineRuleName;
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
}

/** One recorded change of the rules: who, when, from which source, what changed. */
export class DeadlineRulesHistoryEntry {
  @ApiProperty({ description: 'Revision of the rules stream this change made' }) revision!: number;
  @ApiProperty({ description: 'When the change took effect (ISO 8601)' }) occurredAt!: string;
  @ApiProperty({ description: 'When it was recorded (ISO 8601)' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Account id of the admin' }) actor!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ example: 'RI du CSA SPIP 62, art. 12' }) source!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'The full set recorded', type: Object }) rules!: Record<
    DeadlineRuleName,
    number
  >;
  @ApiProperty({
    type: [DeadlineRuleChangeView],
    description: 'Rules that differ from the set in force before',
  })
  changes!: DeadlineRuleChangeView[];
}

export class DeadlineRulesView {
  @ApiProperty() organisationId!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Revision of the rules (null: never changed); ETag',
  })
  revision!: number | null;

  @ApiProperty({ description: 'The rules in force, by name', type: Object })
  values!: Record<DeadlineRuleName, number>;

  @ApiProperty({ type: [DeadlineRuleView] })
  rules!: DeadlineRuleView[];

  @ApiProperty({ type: [DeadlineRulesHistoryEntry], description: 'Every change, oldest first' })
  history!: DeadlineRulesHistoryEntry[];
}
