import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Fact } from '../domain/observation.events.js';
import { type Observation } from '../domain/observation.js';
import { type ObservationHistoryEntry } from '../observations/observations.projection.js';

/** An observation as the API shows it: its current values and its revision (the ETag). */
export class ObservationView {
  @ApiProperty() id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['RECORDED', 'WITHDRAWN'] }) status!: Observation['status'];
  @ApiProperty() antennaId!: string;
  @ApiPropertyOptional({ nullable: true }) visitId!: string | null;
  @ApiProperty() category!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() text!: string;
  @ApiProperty() facts!: Fact[];
  @ApiProperty() sentiment!: string;
  @ApiProperty({ type: [String] }) legalRefs!: string[];
  @ApiProperty() leadsToDemand!: boolean;
  @ApiProperty() observedOn!: string;
  @ApiProperty() illustrative!: boolean;
  @ApiProperty({ description: 'When it was recorded in the world (occurredAt of the recording)' })
  recordedAt!: string;
  @ApiProperty() correctionCount!: number;
  @ApiPropertyOptional({ nullable: true }) lastCorrectedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) withdrawnAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) withdrawalReason!: string | null;
}

/** One observation with every change made to it; corrections carry the values they replaced (`data.previous`). */
export class ObservationDetailView extends ObservationView {
  @ApiProperty({ description: 'Every event in order: who, when, what changed and what it replaced' })
  history!: ObservationHistoryEntry[];
}

export const toObservationView = (state: Observation, revision: number): ObservationView => ({
  id: state.observationId,
  revision,
  status: state.status,
  antennaId: state.antennaId,
  visitId: state.visitId,
  category: state.category,
  topic: state.topic,
  text: state.text,
  facts: state.facts,
  sentiment: state.sentiment,
  legalRefs: state.legalRefs,
  leadsToDemand: state.leadsToDemand,
  observedOn: state.observedOn,
  illustrative: state.illustrative,
  recordedAt: state.recordedAt,
  correctionCount: state.correctionCount,
  lastCorrectedAt: state.lastCorrectedAt,
  withdrawnAt: state.withdrawnAt,
  withdrawalReason: state.withdrawalReason,
});
