import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type ReferenceRatioName } from './domain/reference-ratios.events.js';

export class ChangeReferenceRatiosResponse {
  @ApiProperty({ description: 'The organisation whose ratios these are' })
  id!: string;

  @ApiProperty({
    description: 'Revision of the ratios after the command (-1: never changed); use it in If-Match',
  })
  revision!: number;

  @ApiProperty({ description: 'Opaque position of the recorded event (empty when nothing was recorded)' })
  position!: string;

  @ApiProperty({ description: 'False when the set equalled the ratios in force: nothing was recorded' })
  changed!: boolean;
}

/** One ratio: its value in force, its default (the DAP's OR), and whether the value is the default. */
export class ReferenceRatioView {
  @ApiProperty({ enum: ['cpipPerPeople', 'asePerPeople'] }) name!: ReferenceRatioName;
  @ApiProperty({ description: 'People per agent' }) value!: number;
  @ApiProperty({ description: "The DAP's organigrammes de référence (OR)" }) default!: number;
  @ApiProperty() isDefault!: boolean;
}

export class ReferenceRatioChangeView {
  @ApiProperty({ enum: ['cpipPerPeople', 'asePerPeople'] }) name!: ReferenceRatioName;
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
}

/** One recorded change of the ratios: who, when, from which source, what changed. */
export class ReferenceRatiosHistoryEntry {
  @ApiProperty({ description: 'Revision of the ratios stream this change made' }) revision!: number;
  @ApiProperty({ description: 'When the change took effect (ISO 8601)' }) occurredAt!: string;
  @ApiProperty({ description: 'When it was recorded (ISO 8601)' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Account id of the admin' }) actor!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ example: 'OR DAP 2024, note du 12 janvier 2024' }) source!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'The full set recorded', type: Object }) ratios!: Record<
    ReferenceRatioName,
    number
  >;
  @ApiProperty({
    type: [ReferenceRatioChangeView],
    description: 'Ratios that differ from the set in force before',
  })
  changes!: ReferenceRatioChangeView[];
}

export class ReferenceRatiosView {
  @ApiProperty() organisationId!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Revision of the ratios (null: never changed); ETag',
  })
  revision!: number | null;

  @ApiProperty({ description: 'The ratios in force, by name', type: Object })
  values!: Record<ReferenceRatioName, number>;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Where the ratios in force come from: the source recorded with the last change; null: the DAP's OR",
  })
  source!: string | null;

  @ApiProperty({ type: [ReferenceRatioView] })
  ratios!: ReferenceRatioView[];

  @ApiProperty({ type: [ReferenceRatiosHistoryEntry], description: 'Every change, oldest first' })
  history!: ReferenceRatiosHistoryEntry[];
}
