import {
  DEMAND_ID,
  T,
  commitmentMade,
  demandAbandoned,
  demandLinkedToObservation,
  demandRaised,
  demandSubmitted,
  historyIn,
  managementDeferred,
  managementResponseReceived,
  progressReported,
  reminderSent,
} from '../../../test/support/builders/demand.events.js';
import { fold } from '../../shared/decider.js';
import { DEMAND_EVENT_TYPES, isDemandEvent, type DemandEvent } from './demand.events.js';
import {
  DEMAND_STATUSES,
  deadlineKey,
  demandStreamId,
  evolve,
  initialState,
  nextDueDate,
  overdueFlags,
  type Demand,
  type DemandState,
} from './demand.js';

const stateOf = (events: readonly DemandEvent[]): DemandState => fold(evolve, initialState(), events);
const demandOf = (events: readonly DemandEvent[]): Demand => {
  const state = stateOf(events);
  if (state.status === 'INITIAL') throw new Error('expected an existing demand');
  return state;
};

describe('Demand › evolve', () => {
  it.each(DEMAND_STATUSES)('the builders’ typical history leads to %s', (status) => {
    expect(stateOf(historyIn(status)).status).toBe(status);
  });

  it('starts empty', () => expect(initialState()).toEqual({ status: 'INITIAL' }));

  it('ignores a change event on a demand that does not exist', () =>
    expect(stateOf([demandLinkedToObservation()])).toEqual({ status: 'INITIAL' }));

  it('counts submissions and reminders as asks', () =>
    expect(demandOf([demandRaised(), demandSubmitted(), reminderSent(), reminderSent()]).timesAsked).toBe(3));

  it('keeps the latest occurredAt, even when a backdated fact is recorded later', () => {
    const demand = demandOf([
      demandRaised(),
      demandSubmitted(),
      managementResponseReceived(),
      commitmentMade({ occurredAt: '2024-01-01T00:00:00.000Z' }),
    ]);
    expect(demand.lastEventAt).toBe(T.responded);
  });

  it('marks every open commitment done at 100 % when no commitment is named', () => {
    const demand = demandOf([
      ...historyIn('COMMITTED'),
      commitmentMade({ commitmentId: 'com-2' }),
      progressReported({ percent: 100 }),
    ]);
    expect(demand.commitments.map((c) => c.status)).toEqual(['done', 'done']);
  });

  it('keeps the last answer and clears the awaited date unless deferred', () => {
    const deferred = demandOf([...historyIn('SUBMITTED'), managementDeferred()]);
    expect(deferred).toMatchObject({ responseDueAt: T.deferredUntil, lastResponse: { stance: 'defer' } });
    const answered = demandOf([
      ...historyIn('SUBMITTED'),
      managementDeferred(),
      managementResponseReceived(),
    ]);
    expect(answered).toMatchObject({ responseDueAt: null, responseCount: 2, deferCount: 1 });
  });
});

describe('Demand › event types', () => {
  it('lists every event type once', () => {
    expect(new Set(DEMAND_EVENT_TYPES).size).toBe(DEMAND_EVENT_TYPES.length);
    expect(DEMAND_EVENT_TYPES).toHaveLength(24);
    expect(DEMAND_EVENT_TYPES).toContain('ManagementResponseReceived');
  });

  it('recognises demand events', () => {
    expect(isDemandEvent({ type: 'DemandRaised' })).toBe(true);
    expect(isDemandEvent({ type: 'ObservationRecorded' })).toBe(false);
    expect(isDemandEvent({ type: 'toString' })).toBe(false);
  });

  it('names the stream', () => expect(demandStreamId(DEMAND_ID)).toBe(`demand-${DEMAND_ID}`));

  it('keys a deadline by its instant, whatever its notation', () =>
    expect(deadlineKey({ kind: 'response', dueAt: '2024-03-24' })).toBe(
      deadlineKey({ kind: 'response', dueAt: '2024-03-24T00:00:00.000Z' }),
    ));
});

describe('Demand › overdueFlags and nextDueDate', () => {
  // Seed: every demand submitted on 2024-02-23 with a 30-day window is overdue from 2024-03-24.
  const seed = [
    demandRaised({ occurredAt: '2024-02-23', raisedAt: '2024-02-23' }),
    demandSubmitted({
      occurredAt: '2024-02-23',
      submittedAt: '2024-02-23',
      channel: 'visit_report',
      responseDueAt: '2024-03-24',
    }),
  ];

  it('is not overdue on the due instant itself', () =>
    expect(overdueFlags(stateOf(seed), '2024-03-24T00:00:00.000Z')).toEqual({
      responseOverdue: false,
      commitmentOverdue: false,
    }));

  it('is overdue just after the due date', () =>
    expect(overdueFlags(stateOf(seed), '2024-03-24T00:00:01.000Z').responseOverdue).toBe(true));

  it('is no longer overdue once answered', () =>
    expect(
      overdueFlags(stateOf([...seed, managementResponseReceived()]), '2024-04-01T00:00:00.000Z')
        .responseOverdue,
    ).toBe(false));

  it('flags an open commitment past its due date', () =>
    expect(overdueFlags(stateOf(historyIn('COMMITTED')), '2024-07-01T00:00:00.000Z')).toEqual({
      responseOverdue: false,
      commitmentOverdue: true,
    }));

  it('never flags a closed or unknown demand', () => {
    expect(overdueFlags(stateOf([...seed, demandAbandoned()]), '2025-01-01T00:00:00.000Z')).toEqual({
      responseOverdue: false,
      commitmentOverdue: false,
    });
    expect(overdueFlags(initialState(), '2025-01-01T00:00:00.000Z').responseOverdue).toBe(false);
  });

  it('gives the earliest pending due date', () => {
    expect(nextDueDate(stateOf(seed))).toBe('2024-03-24');
    expect(nextDueDate(stateOf(historyIn('COMMITTED')))).toBe(T.commitmentDue);
    expect(
      nextDueDate(
        stateOf([...historyIn('COMMITTED'), commitmentMade({ commitmentId: 'c2', dueAt: '2024-04-01' })]),
      ),
    ).toBe('2024-04-01');
  });

  it('gives no due date when nothing is pending', () => {
    expect(nextDueDate(stateOf([demandRaised()]))).toBeNull();
    expect(nextDueDate(stateOf(historyIn('SATISFIED')))).toBeNull();
    expect(nextDueDate(initialState())).toBeNull();
  });
});
