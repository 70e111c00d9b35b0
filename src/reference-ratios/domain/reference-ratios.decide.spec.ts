import { deciderSpec } from '../../../test/support/decider-spec.js';
import {
  DEFAULT_RATIOS,
  ORGANISATION_ID,
  SOURCE,
  changeReferenceRatios,
  referenceRatiosChanged,
} from '../../../test/support/builders/reference-ratios.js';
import { DEFAULT_REFERENCE_RATIOS } from '../../units/domain/staffing-ratios.js';
import { RATIO_RANGES, referenceRatiosDecider } from './reference-ratios.decide.js';
import { ReferenceRatiosInvalidError } from './reference-ratios.errors.js';
import { REFERENCE_RATIO_NAMES } from './reference-ratios.events.js';
import {
  changedRatios,
  evolve,
  initialState,
  ratiosInForce,
  referenceRatiosStreamId,
  sourceInForce,
} from './reference-ratios.js';

const spec = deciderSpec(referenceRatiosDecider);

const invalidField =
  (field: string, rule = 'RATIO_RANGE') =>
  (error: ReferenceRatiosInvalidError): void => {
    expect(error.code).toBe('REFERENCE_RATIOS.INVALID');
    expect(error.details).toEqual({ organisationId: ORGANISATION_ID, field, rule });
  };

describe('Reference ratios › the stream', () => {
  it('is one per organisation, in the `referenceratios` category (no dash before the organisation id)', () => {
    expect(referenceRatiosStreamId('fo-justice')).toBe('referenceratios-fo-justice');
  });

  it('When no ratios were ever set, then the DAP’s OR are in force, with no source', () => {
    expect(DEFAULT_RATIOS).toEqual({ cpipPerPeople: 60, asePerPeople: 50 });
    expect(ratiosInForce(initialState(), DEFAULT_REFERENCE_RATIOS)).toBe(DEFAULT_REFERENCE_RATIOS);
    expect(sourceInForce(initialState())).toBeNull();
  });

  it('When ratios were set, then the last set and its source are in force whatever the defaults', () => {
    const state = [
      referenceRatiosChanged({ ratios: { cpipPerPeople: 50 } }),
      referenceRatiosChanged({
        ratios: { cpipPerPeople: 40, asePerPeople: 45 },
        source: 'Motion du congrès',
      }),
    ].reduce(evolve, initialState());
    expect(ratiosInForce(state, DEFAULT_RATIOS)).toEqual({ cpipPerPeople: 40, asePerPeople: 45 });
    expect(sourceInForce(state)).toBe('Motion du congrès');
    expect(state).toMatchObject({ status: 'set', changes: 2 });
  });

  it('lists what changed between two sets, in the stored order', () => {
    expect(changedRatios(DEFAULT_RATIOS, { cpipPerPeople: 50, asePerPeople: 50 })).toEqual([
      { name: 'cpipPerPeople', from: 60, to: 50 },
    ]);
    expect(changedRatios(DEFAULT_RATIOS, { cpipPerPeople: 40, asePerPeople: 30 })).toEqual([
      { name: 'cpipPerPeople', from: 60, to: 40 },
      { name: 'asePerPeople', from: 50, to: 30 },
    ]);
  });
});

describe('Reference ratios › When the defaults are in force', () => {
  it('records the full new set, its source and reason (trimmed)', () =>
    spec
      .given([])
      .when(
        changeReferenceRatios({ ratios: { cpipPerPeople: 50 }, source: ` ${SOURCE} `, reason: ' Congrès ' }),
      )
      .then(
        [
          {
            type: 'ReferenceRatiosChanged',
            data: {
              organisationId: ORGANISATION_ID,
              occurredAt: '2024-03-01T09:00:00.000Z',
              ratios: { cpipPerPeople: 50, asePerPeople: 50 },
              source: SOURCE,
              reason: 'Congrès',
            },
          },
        ],
        (state) => expect(ratiosInForce(state, DEFAULT_RATIOS).cpipPerPeople).toBe(50),
      ));

  it('keeps only the known ratios, in the stored order', () => {
    const command = changeReferenceRatios();
    const [event] = referenceRatiosDecider.decide(
      { ...command, ratios: { asePerPeople: 40, extra: 3, cpipPerPeople: 55 } as typeof command.ratios },
      initialState(),
    );
    expect(event?.data.ratios).toStrictEqual({ cpipPerPeople: 55, asePerPeople: 40 });
    expect(Object.keys(event?.data.ratios ?? {})).toEqual([...REFERENCE_RATIO_NAMES]);
  });

  it('records nothing when the set equals the defaults (no change)', () =>
    spec
      .given([])
      .when(changeReferenceRatios({ ratios: DEFAULT_RATIOS }))
      .thenNothing());

  it('judges "no change" against the defaults passed in, not a constant', () =>
    spec
      .given([])
      .when(
        changeReferenceRatios({
          ratios: { cpipPerPeople: 60 },
          defaults: { cpipPerPeople: 70, asePerPeople: 50 },
        }),
      )
      .then([referenceRatiosChanged({ ratios: { cpipPerPeople: 60 } })]));
});

describe('Reference ratios › When ratios were set', () => {
  const set = referenceRatiosChanged({ ratios: { cpipPerPeople: 50 } });

  it('records nothing when the set equals the ratios in force, whatever the source', () =>
    spec
      .given([set])
      .when(changeReferenceRatios({ ratios: { cpipPerPeople: 50 }, source: 'Autre source' }))
      .thenNothing());

  it('records a return to the defaults (a change from the ratios in force)', () =>
    spec
      .given([set])
      .when(changeReferenceRatios({ ratios: DEFAULT_RATIOS }))
      .then([referenceRatiosChanged({ ratios: DEFAULT_RATIOS })]));
});

describe('Reference ratios › invariants', () => {
  it.each(REFERENCE_RATIO_NAMES)('refuses %s out of 10–500, fractional or not a number', (name) => {
    expect(RATIO_RANGES[name]).toEqual({ min: 10, max: 500 });
    for (const value of [0, -60, 9, 501, 6000, 55.5, '60', null, undefined, Number.NaN]) {
      spec
        .given([])
        .when(changeReferenceRatios({ ratios: { [name]: value } }))
        .thenThrows(ReferenceRatiosInvalidError, invalidField(`ratios.${name}`));
    }
  });

  it('accepts the bounds of the range', () => {
    spec
      .given([])
      .when(changeReferenceRatios({ ratios: { cpipPerPeople: 10, asePerPeople: 500 } }))
      .then([referenceRatiosChanged({ ratios: { cpipPerPeople: 10, asePerPeople: 500 } })]);
    spec
      .given([])
      .when(changeReferenceRatios({ ratios: { cpipPerPeople: 500, asePerPeople: 10 } }))
      .then([referenceRatiosChanged({ ratios: { cpipPerPeople: 500, asePerPeople: 10 } })]);
  });

  it('refuses a change without a source, or with a blank or too long source or reason', () => {
    for (const source of [undefined, '', '   ', 'x'.repeat(301)]) {
      spec
        .given([])
        .when(changeReferenceRatios({ source: source as string }))
        .thenThrows(ReferenceRatiosInvalidError, invalidField('source', 'TEXT'));
    }
    for (const reason of ['  ', 'x'.repeat(2001)]) {
      spec
        .given([])
        .when(changeReferenceRatios({ reason }))
        .thenThrows(ReferenceRatiosInvalidError, invalidField('reason', 'TEXT'));
    }
  });

  it('refuses a change without an instant', () =>
    spec
      .given([])
      .when(changeReferenceRatios({ occurredAt: 'hier' }))
      .thenThrows(ReferenceRatiosInvalidError, invalidField('occurredAt', 'INSTANT')));

  it('checks the ratios before deciding there is no change (an invalid set is never a no-op)', () =>
    spec
      .given([])
      .when(changeReferenceRatios({ ratios: { cpipPerPeople: 60, asePerPeople: 5 } }))
      .thenThrows(ReferenceRatiosInvalidError, invalidField('ratios.asePerPeople')));
});
