import { deciderSpec } from '../../../test/support/decider-spec.js';
import {
  VISIT_ID,
  conductVisit,
  planVisit,
  visitConducted,
  visitPlanned,
} from '../../../test/support/builders/units.js';
import { visitDecider } from './visit.decide.js';
import { visitStreamId } from './visit.js';
import { VisitAlreadyConductedError, VisitAlreadyExistsError, VisitInvalidError } from './units.errors.js';
import { VISIT_EVENT_TYPES } from './units.events.js';

const { given } = deciderSpec(visitDecider);

const rule = (expected: string) => (error: { details: Record<string, unknown> }) =>
  expect(error.details.rule).toBe(expected);

describe('Visit › When new', () => {
  it('plans a visit of two antennas', () =>
    given([])
      .when(planVisit())
      .then([visitPlanned()], (state) =>
        expect(state).toMatchObject({
          status: 'PLANNED',
          planned: true,
          plannedFor: '2024-01-24',
          conducted: [],
        }),
      ));

  it('plans a visit with no date yet (act-X1: the other antennas)', () =>
    given([])
      .when(planVisit({ visitId: 'act-X1', antennaIds: ['ant-others-62'], plannedFor: undefined }))
      .then(
        [
          {
            type: 'VisitPlanned',
            data: {
              visitId: 'act-X1',
              occurredAt: '2024-01-10T09:00:00.000Z',
              antennaIds: ['ant-others-62'],
            },
          },
        ],
        (state) => expect(state).toMatchObject({ plannedFor: null }),
      ));

  it('refuses a visit of no antenna', () =>
    given([])
      .when(planVisit({ antennaIds: [] }))
      .thenThrows(VisitInvalidError, rule('REQUIRED')));

  it('refuses a malformed planned date', () =>
    given([])
      .when(planVisit({ plannedFor: 'bientôt' }))
      .thenThrows(VisitInvalidError, rule('INVALID_DATE')));

  it('records a visit conducted without a plan', () =>
    given([])
      .when(conductVisit({ sourceRef: 'src-fo-cpip-spip62-2024-02-23' }))
      .then([visitConducted({ sourceRef: 'src-fo-cpip-spip62-2024-02-23' })], (state) =>
        expect(state).toMatchObject({
          status: 'CONDUCTED',
          planned: false,
          antennaIds: ['ant-longuenesse'],
          conducted: [{ antennaId: 'ant-longuenesse', conductedOn: '2024-01-24' }],
        }),
      ));
});

describe('Visit › When planned', () => {
  const planned = [visitPlanned()];

  it('refuses to be planned twice', () =>
    given(planned).when(planVisit()).thenThrows(VisitAlreadyExistsError));

  it('records the first antenna visited, then the second the next day', () =>
    given([...planned, visitConducted()])
      .when(
        conductVisit({
          antennaId: 'ant-bethune',
          conductedOn: '2024-01-25',
          occurredAt: '2024-01-25T17:00:00.000Z',
        }),
      )
      .then(
        [
          visitConducted({
            antennaId: 'ant-bethune',
            conductedOn: '2024-01-25',
            occurredAt: '2024-01-25T17:00:00.000Z',
          }),
        ],
        (state) => {
          if (state.status === 'INITIAL') throw new Error('expected a visit');
          expect(state.conducted.map((c) => c.antennaId)).toEqual(['ant-longuenesse', 'ant-bethune']);
        },
      ));

  it('records an antenna the plan did not list', () =>
    given(planned)
      .when(conductVisit({ antennaId: 'ant-saint-omer' }))
      .then([visitConducted({ antennaId: 'ant-saint-omer' })], (state) =>
        expect(state).toMatchObject({ antennaIds: ['ant-longuenesse', 'ant-bethune', 'ant-saint-omer'] }),
      ));

  it('refuses a visit without its date', () =>
    given(planned)
      .when(conductVisit({ conductedOn: '' }))
      .thenThrows(VisitInvalidError, rule('INVALID_DATE')));
});

describe('Visit › When conducted', () => {
  const conducted = [visitPlanned(), visitConducted()];

  it('records nothing when the same antenna and day are given again', () =>
    given(conducted).when(conductVisit()).thenNothing());

  it('refuses the same antenna on another day', () =>
    given(conducted)
      .when(conductVisit({ conductedOn: '2024-03-01' }))
      .thenThrows(VisitAlreadyConductedError));

  it('refuses to be planned after the fact', () =>
    given([visitConducted()]).when(planVisit()).thenThrows(VisitAlreadyExistsError));
});

describe('Visit › contract', () => {
  it('lists its event types and names its stream', () => {
    expect(VISIT_EVENT_TYPES).toEqual(['VisitPlanned', 'VisitConducted']);
    expect(visitStreamId(VISIT_ID)).toBe(`visit-${VISIT_ID}`);
  });
});
