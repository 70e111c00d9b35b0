import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The kinds of overdue follow-up computed today (domain brief 4.4, dashboard 5):
 * (a) `response_overdue`: management's answer is past due;
 * (b) `commitment_overdue`: a commitment's due date has passed and it is not done;
 * (g) `repeated_deferral`: answered "à l'étude" (defer) twice or more and still deferred — request a formal agenda
 *     item (half of the titular representatives) or escalate.
 */
export const FOLLOW_UP_KINDS = ['response_overdue', 'commitment_overdue', 'repeated_deferral'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const FOLLOW_UP_LABELS: Record<FollowUpKind, string> = {
  response_overdue: 'Réponse de la direction attendue : échéance dépassée',
  commitment_overdue: 'Engagement de la direction non tenu à son échéance',
  repeated_deferral:
    'Réponse « à l’étude » répétée : demander l’inscription à l’ordre du jour (moitié des titulaires) ou escalader',
};

export class OverdueFollowUpView {
  @ApiProperty() demandId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() antennaId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Null when the antenna is not registered' })
  antennaName!: string | null;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind!: FollowUpKind;
  @ApiProperty({ description: 'What to do, in French' }) label!: string;
  @ApiProperty({
    description:
      'The date passed: the answer due date, the commitment due date, or (repeated deferral) the date of the ' +
      'latest deferral, since when the agenda-item request is due',
  })
  dueAt!: string;
  @ApiProperty({ description: 'Whole days between dueAt and now' }) daysLate!: number;
  @ApiProperty() status!: string;
  @ApiProperty() priority!: string;
  @ApiProperty({ description: 'Submissions plus reminders' }) timesAsked!: number;
  @ApiPropertyOptional({ description: 'For commitment_overdue' })
  commitment?: { commitmentId: string; deliverable: string; owner: string };
  @ApiPropertyOptional({ description: 'For repeated_deferral' }) deferCount?: number;
}

export type OverdueFollowUps = { asOf: string; items: OverdueFollowUpView[] };
