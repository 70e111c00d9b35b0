import { deciderSpec } from '../../../test/support/decider-spec.js';
import {
  CORRECTED_AT,
  OBSERVATION_ID,
  correctObservation,
  observationCorrected,
  observationRecorded,
  observationWithdrawn,
  recordObservation,
  withdrawObservation,
} from '../../../test/support/builders/observation.js';
import { observationDecider } from './observation.decide.js';
import {
  ObservationAlreadyExistsError,
  ObservationInvalidError,
  ObservationNotFoundError,
  ObservationWithdrawnError,
} from './observation.errors.js';
import { OBSERVATION_EVENT_TYPES, isObservationEvent } from './observation.events.js';
import { observationStreamId } from './observation.js';

const { given } = deciderSpec(observationDecider);

const rule = (expected: string) => (error: { details: Record<string, unknown> }) =>
  expect(error.details.rule).toBe(expected);

describe('Observation › When new', () => {
  it('records an observation with its facts', () =>
    given([])
      .when(recordObservation())
      .then([observationRecorded()], (state) =>
        expect(state).toMatchObject({ status: 'RECORDED', visitId: 'visit-2024-01', illustrative: false }),
      ));

  it('records a positive observation that leads to no demand, without visit', () => {
    const { visitId: _noVisit, ...withoutVisit } = observationRecorded().data;
    given([])
      .when(
        recordObservation({
          visitId: undefined,
          topic: 'CLIMATE',
          text: 'Bon esprit d’équipe.',
          facts: undefined,
          legalRefs: undefined,
          sentiment: 'positive',
          leadsToDemand: false,
          illustrative: true,
        }),
      )
      .then([
        {
          type: 'ObservationRecorded',
          data: {
            ...withoutVisit,
            topic: 'CLIMATE',
            text: 'Bon esprit d’équipe.',
            facts: [],
            legalRefs: [],
            sentiment: 'positive',
            leadsToDemand: false,
            illustrative: true,
          },
        },
      ]);
  });

  it('accepts a list value as a fact', () =>
    given([])
      .when(recordObservation({ facts: [{ key: 'small_offices_capacity', value: [3, 4] }] }))
      .then([observationRecorded({ facts: [{ key: 'small_offices_capacity', value: [3, 4] }] })]));

  it('refuses an observation without text', () =>
    given([])
      .when(recordObservation({ text: ' ' }))
      .thenThrows(ObservationInvalidError, rule('REQUIRED')));

  it('refuses an unknown category', () =>
    given([])
      .when(recordObservation({ category: 'weather' as never }))
      .thenThrows(ObservationInvalidError, rule('UNKNOWN_VALUE')));

  it('refuses an unknown sentiment', () =>
    given([])
      .when(recordObservation({ sentiment: 'angry' as never }))
      .thenThrows(ObservationInvalidError, rule('UNKNOWN_VALUE')));

  it('refuses a malformed observation date', () =>
    given([])
      .when(recordObservation({ observedOn: 'janvier' }))
      .thenThrows(ObservationInvalidError, rule('INVALID_DATE')));

  it('refuses the same fact twice', () =>
    given([])
      .when(
        recordObservation({
          facts: [
            { key: 'floor', value: 1 },
            { key: 'floor', value: 2 },
          ],
        }),
      )
      .thenThrows(ObservationInvalidError, rule('DUPLICATE_FACT')));

  it('refuses a fact without a usable value', () =>
    given([])
      .when(recordObservation({ facts: [{ key: 'floor', value: [] }] }))
      .thenThrows(ObservationInvalidError, rule('INVALID_FACT')));

  it('refuses to correct an unknown observation', () =>
    given([])
      .when(correctObservation())
      .thenThrows(ObservationNotFoundError, (e) => expect(e.kind).toBe('not_found')));

  it('refuses to withdraw an unknown observation', () =>
    given([]).when(withdrawObservation()).thenThrows(ObservationNotFoundError));
});

describe('Observation › When recorded', () => {
  const recorded = [observationRecorded()];

  it('refuses to record it twice', () =>
    given(recorded).when(recordObservation()).thenThrows(ObservationAlreadyExistsError));

  it('corrects the text and keeps the previous one', () =>
    given(recorded)
      .when(correctObservation())
      .then([observationCorrected()], (state) =>
        expect(state).toMatchObject({
          text: 'Rôle de la CAP LSC reçu 10 jours avant la séance.',
          correctionCount: 1,
        }),
      ));

  it('corrects only what changes', () =>
    given(recorded)
      .when(
        correctObservation({
          text: observationRecorded().data.text,
          category: 'hr',
          facts: [{ key: 'prep_window_days', value: 2 }],
        }),
      )
      .then([
        {
          type: 'ObservationCorrected',
          data: {
            observationId: OBSERVATION_ID,
            occurredAt: CORRECTED_AT,
            facts: [{ key: 'prep_window_days', value: 2 }],
            category: 'hr',
            reason: 'Coquille',
            previous: { facts: observationRecorded().data.facts, category: 'difficulties' },
          },
        },
      ]));

  it('refuses a correction without a reason', () =>
    given(recorded)
      .when(correctObservation({ reason: '' }))
      .thenThrows(ObservationInvalidError, rule('REQUIRED')));

  it('refuses a correction that changes nothing', () =>
    given(recorded)
      .when(correctObservation({ text: observationRecorded().data.text }))
      .thenThrows(ObservationInvalidError, rule('NOTHING_TO_CHANGE')));

  it('refuses a correction that gives nothing', () =>
    given(recorded)
      .when(correctObservation({ text: undefined }))
      .thenThrows(ObservationInvalidError, rule('NOTHING_TO_CHANGE')));

  it('withdraws it with a reason', () =>
    given(recorded)
      .when(withdrawObservation())
      .then([observationWithdrawn()], (state) =>
        expect(state).toMatchObject({
          status: 'WITHDRAWN',
          withdrawalReason: 'Doublon',
          withdrawnAt: CORRECTED_AT,
        }),
      ));

  it('refuses a withdrawal without a reason', () =>
    given(recorded)
      .when(withdrawObservation({ reason: '' }))
      .thenThrows(ObservationInvalidError, rule('REQUIRED')));
});

describe('Observation › When withdrawn', () => {
  const withdrawn = [observationRecorded(), observationWithdrawn()];

  it('refuses a correction', () =>
    given(withdrawn)
      .when(correctObservation())
      .thenThrows(ObservationWithdrawnError, (e) => expect(e.kind).toBe('conflict')));

  it('refuses a second withdrawal', () =>
    given(withdrawn).when(withdrawObservation()).thenThrows(ObservationWithdrawnError));

  it('refuses to be recorded again', () =>
    given(withdrawn).when(recordObservation()).thenThrows(ObservationAlreadyExistsError));
});

describe('Observation › contract', () => {
  it('lists its event types', () => {
    expect(OBSERVATION_EVENT_TYPES).toEqual([
      'ObservationRecorded',
      'ObservationCorrected',
      'ObservationWithdrawn',
    ]);
    expect(isObservationEvent({ type: 'DemandRaised' })).toBe(false);
  });

  it('names the stream', () => expect(observationStreamId('x')).toBe('observation-x'));
});
