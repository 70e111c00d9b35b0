import type {
  CorrectObservation,
  RecordObservation,
  WithdrawObservation,
} from '../../../src/observations/domain/observation.commands.js';
import type {
  ObservationCorrected,
  ObservationRecorded,
  ObservationWithdrawn,
} from '../../../src/observations/domain/observation.events.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Overrides<C> = Partial<Omit<Mutable<C>, 'type'>>;

/** obs-L02 from the seed: the CAP LSC docket leaves 2 days to prepare the reports. */
export const OBSERVATION_ID = '2f6d1c8e-3b4a-4e5f-9a0b-1c2d3e4f5a6b';
export const OBSERVED_ON = '2024-01-24';
export const RECORDED_AT = '2024-02-23T09:00:00.000Z';
export const CORRECTED_AT = '2024-02-26T09:00:00.000Z';

const recorded = () => ({
  observationId: OBSERVATION_ID,
  occurredAt: RECORDED_AT,
  antennaId: 'ant-longuenesse',
  visitId: 'visit-2024-01',
  category: 'difficulties' as const,
  topic: 'CAP_LSC_TIMING',
  text: 'Rôle de la CAP LSC reçu 10 jours avant; rapports au JAP dus 8 jours avant → 2 jours pour préparer.',
  facts: [
    { key: 'role_notice_days', value: 10 },
    { key: 'report_deadline_days_before_cap', value: 8 },
    { key: 'prep_window_days', value: 2 },
  ],
  sentiment: 'negative' as const,
  legalRefs: ['CPP art. D147-21 (en temps utile)'],
  leadsToDemand: true,
  observedOn: OBSERVED_ON,
});

export const observationRecorded = (
  overrides: Partial<ObservationRecorded['data']> = {},
): ObservationRecorded => ({
  type: 'ObservationRecorded',
  data: { ...recorded(), ...overrides },
});

export const observationCorrected = (
  overrides: Partial<ObservationCorrected['data']> = {},
): ObservationCorrected => ({
  type: 'ObservationCorrected',
  data: {
    observationId: OBSERVATION_ID,
    occurredAt: CORRECTED_AT,
    text: 'Rôle de la CAP LSC reçu 10 jours avant la séance.',
    reason: 'Coquille',
    previous: { text: recorded().text },
    ...overrides,
  },
});

export const observationWithdrawn = (
  overrides: Partial<ObservationWithdrawn['data']> = {},
): ObservationWithdrawn => ({
  type: 'ObservationWithdrawn',
  data: { observationId: OBSERVATION_ID, occurredAt: CORRECTED_AT, reason: 'Doublon', ...overrides },
});

export const recordObservation = (overrides: Overrides<RecordObservation> = {}): RecordObservation => ({
  type: 'RecordObservation',
  ...recorded(),
  ...overrides,
});

export const correctObservation = (overrides: Overrides<CorrectObservation> = {}): CorrectObservation => ({
  type: 'CorrectObservation',
  observationId: OBSERVATION_ID,
  occurredAt: CORRECTED_AT,
  text: 'Rôle de la CAP LSC reçu 10 jours avant la séance.',
  reason: 'Coquille',
  ...overrides,
});

export const withdrawObservation = (overrides: Overrides<WithdrawObservation> = {}): WithdrawObservation => ({
  type: 'WithdrawObservation',
  observationId: OBSERVATION_ID,
  occurredAt: CORRECTED_AT,
  reason: 'Doublon',
  ...overrides,
});
