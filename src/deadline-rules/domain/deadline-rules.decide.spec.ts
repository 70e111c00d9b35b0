import { deciderSpec } from '../../../test/support/decider-spec.js';
import {
  DEFAULT_RULES,
  ORGANISATION_ID,
  changeDeadlineRules,
  deadlineRulesChanged,
} from '../../../test/support/builders/deadline-rules.js';
import { RULE_RANGES, deadlineRulesDecider } from './deadline-rules.decide.js';
import { DeadlineRulesInvalidError } from './deadline-rules.errors.js';
import { DEADLINE_RULE_NAMES } from './deadline-rules.events.js';
import { evolve, initialState, rulesInForce, deadlineRulesStreamId } from './deadline-rules.js';

const spec = deciderSpec(deadlineRulesDecider);

const invalidField =
  (field: string, rule = 'RULE_RANGE') =>
  (error: DeadlineRulesInvalidError): void => {
    expect(error.code).toBe('DEADLINE_RULES.INVALID');
    expect(error.details).toEqual({ organisationId: ORGANISATION_ID, field, rule });
  };

describe('Deadline rules › the stream', () => {
  it('is one per organisation, in the `deadlinerules` category', () => {
    expect(deadlineRulesStreamId('fo-justice')).toBe('deadlinerules-fo-justice');
  });

  it('When no rules were ever set, then the defaults are in force', () => {
    expect(rulesInForce(initialState(), DEFAULT_RULES)).toBe(DEFAULT_RULES);
  });

  it('When rules were set, then the last set is in force whatever the defaults', () => {
    const state = [
      deadlineRulesChanged({ rules: { noticeDays: 10 } }),
      deadlineRulesChanged({ rules: { noticeDays: 12 } }),
    ].reduce(evolve, initialState());
    expect(rulesInForce(state, DEFAULT_RULES)).toEqual({ ...DEFAULT_RULES, noticeDays: 12 });
    expect(state).toMatchObject({ status: 'set', changes: 2 });
  });
});

describe('Deadline rules › When the defaults are in force', () => {
  it('records the full new set, its source and reason', () =>
    spec
      .given([])
      .when(changeDeadlineRules({ rules: { noticeDays: 8, responseWindowDays: 45 }, reason: ' RI adopté ' }))
      .then(
        [
          {
            type: 'DeadlineRulesChanged',
            data: {
              organisationId: ORGANISATION_ID,
              occurredAt: '2024-03-01T09:00:00.000Z',
              rules: { ...DEFAULT_RULES, noticeDays: 8, responseWindowDays: 45 },
              source: 'RI du CSA SPIP 62, art. 12',
              reason: 'RI adopté',
            },
          },
        ],
        (state) => expect(rulesInForce(state, DEFAULT_RULES).noticeDays).toBe(8),
      ));

  it('keeps only the known rules, in the stored order', () => {
    const command = changeDeadlineRules();
    const [event] = deadlineRulesDecider.decide(
      { ...command, rules: { ...command.rules, extra: 3 } as typeof command.rules },
      initialState(),
    );
    expect(Object.keys(event?.data.rules ?? {})).toEqual([...DEADLINE_RULE_NAMES]);
  });

  it('records nothing when the set equals the defaults (no change)', () =>
    spec
      .given([])
      .when(changeDeadlineRules({ rules: DEFAULT_RULES }))
      .thenNothing());
});

describe('Deadline rules › When rules were set', () => {
  const set = deadlineRulesChanged({ rules: { noticeDays: 10 } });

  it('records nothing when the set equals the rules in force, whatever the source', () =>
    spec
      .given([set])
      .when(changeDeadlineRules({ rules: { noticeDays: 10 }, source: 'Autre source' }))
      .thenNothing());

  it('records a return to the defaults (a change from the rules in force)', () =>
    spec
      .given([set])
      .when(changeDeadlineRules({ rules: DEFAULT_RULES }))
      .then([deadlineRulesChanged({ rules: DEFAULT_RULES })]));
});

describe('Deadline rules › invariants', () => {
  it.each(DEADLINE_RULE_NAMES.filter((n) => n !== 'urgentNoticeDays' && n !== 'redeliberationMaxDays'))(
    'refuses %s out of its range, zero, fractional or not a number',
    (name) => {
      const { min, max } = RULE_RANGES[name];
      for (const value of [min - 1, max + 1, 2.5, '10', null, undefined]) {
        spec
          .given([])
          .when(changeDeadlineRules({ rules: { [name]: value } }))
          .thenThrows(DeadlineRulesInvalidError, invalidField(`rules.${name}`));
      }
    },
  );

  it('accepts the bounds of each range', () => {
    spec
      .given([])
      .when(
        changeDeadlineRules({
          rules: {
            noticeDays: 365,
            urgentNoticeDays: 1,
            avisFollowUpMonths: 60,
            minutesMonths: 1,
            redeliberationMinDays: 1,
            redeliberationMaxDays: 365,
            responseWindowDays: 1,
          },
        }),
      )
      .then([
        deadlineRulesChanged({
          rules: {
            noticeDays: 365,
            urgentNoticeDays: 1,
            avisFollowUpMonths: 60,
            minutesMonths: 1,
            redeliberationMinDays: 1,
            redeliberationMaxDays: 365,
            responseWindowDays: 1,
          },
        }),
      ]);
  });

  it('refuses an urgent notice longer than the ordinary notice; equal is accepted', () => {
    spec
      .given([])
      .when(changeDeadlineRules({ rules: { noticeDays: 8, urgentNoticeDays: 9 } }))
      .thenThrows(DeadlineRulesInvalidError, invalidField('rules.urgentNoticeDays'));
    spec
      .given([])
      .when(changeDeadlineRules({ rules: { noticeDays: 8, urgentNoticeDays: 8 } }))
      .then([deadlineRulesChanged({ rules: { noticeDays: 8, urgentNoticeDays: 8 } })]);
  });

  it('refuses a re-deliberation window that ends before it opens; one day is accepted', () => {
    spec
      .given([])
      .when(changeDeadlineRules({ rules: { redeliberationMinDays: 20, redeliberationMaxDays: 19 } }))
      .thenThrows(DeadlineRulesInvalidError, invalidField('rules.redeliberationMaxDays'));
    spec
      .given([])
      .when(changeDeadlineRules({ rules: { redeliberationMinDays: 20, redeliberationMaxDays: 20 } }))
      .then([deadlineRulesChanged({ rules: { redeliberationMinDays: 20, redeliberationMaxDays: 20 } })]);
  });

  it('refuses a change without a source, or with a blank or too long source or reason', () => {
    for (const source of [undefined, '', '   ', 'x'.repeat(301)]) {
      spec
        .given([])
        .when(changeDeadlineRules({ source: source as string }))
        .thenThrows(DeadlineRulesInvalidError, invalidField('source', 'TEXT'));
    }
    for (const reason of ['  ', 'x'.repeat(2001)]) {
      spec
        .given([])
        .when(changeDeadlineRules({ reason }))
        .thenThrows(DeadlineRulesInvalidError, invalidField('reason', 'TEXT'));
    }
  });

  it('refuses a change without an instant', () =>
    spec
      .given([])
      .when(changeDeadlineRules({ occurredAt: 'hier' }))
      .thenThrows(DeadlineRulesInvalidError, invalidField('occurredAt', 'INSTANT')));

  it('checks the rules before deciding there is no change (an invalid set is never a no-op)', () =>
    spec
      .given([])
      .when(changeDeadlineRules({ rules: { ...DEFAULT_RULES, minutesMonths: 0 } }))
      .thenThrows(DeadlineRulesInvalidError, invalidField('rules.minutesMonths')));
});
