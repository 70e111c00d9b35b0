import { deciderSpec } from '../../../test/support/decider-spec.js';
import { cmd } from '../../../test/support/builders/demand.commands.js';
import {
  DAP_MOBILITY,
  DEMAND_ID,
  DFSPIP,
  OTHER_DEMAND_ID,
  T,
  commitmentDeadlineMissed,
  commitmentMade,
  commitmentRescheduled,
  demandAbandoned,
  demandAddresseesChanged,
  demandDrafted,
  demandEscalated,
  demandLinkedToObservation,
  demandMerged,
  demandPartiallySatisfied,
  demandPrioritySet,
  demandRaised,
  demandRefused,
  demandReopened,
  demandReworded,
  demandSatisfied,
  demandSubmitted,
  demandUnlinkedFromObservation,
  demandVerified,
  historyIn,
  managementAcknowledged,
  managementDeferred,
  managementResponseReceived,
  progressReported,
  reminderSent,
  responseDeadlineMissed,
} from '../../../test/support/builders/demand.events.js';
import { demandDecider } from './demand.decide.js';
import {
  DemandAlreadyExistsError,
  DemandInvalidError,
  DemandPreconditionFailedError,
  DemandTransitionNotAllowedError,
} from './demand.errors.js';
import type { Demand, DemandState } from './demand.js';

const { given } = deciderSpec(demandDecider);

const asDemand = (state: DemandState): Demand => {
  if (state.status === 'INITIAL') throw new Error('expected an existing demand');
  return state;
};

const rule = (expected: string) => (error: { details: Record<string, unknown> }) =>
  expect(error.details.rule).toBe(expected);

describe('Demand › When new', () => {
  it('drafts a demand', () => {
    given([])
      .when(cmd.draftDemand())
      .then([demandDrafted()], (state) => {
        expect(state.status).toBe('DRAFT');
      });
  });

  it('raises a demand directly', () => {
    given([])
      .when(cmd.raiseDemand())
      .then([demandRaised()], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'RAISED', raisedAt: T.raised, timesAsked: 0 });
      });
  });

  it('defaults the lists and drops duplicate observation ids', () =>
    given([])
      .when(cmd.raiseDemand({ observationIds: ['obs-B12', 'obs-B12'], legalRefs: undefined }))
      .then([demandRaised({ observationIds: ['obs-B12'], legalRefs: [] })]));

  it('refuses a demand without a title', () =>
    given([])
      .when(cmd.raiseDemand({ title: '  ' }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('refuses a demand without an addressee', () =>
    given([])
      .when(cmd.draftDemand({ addressees: [] }))
      .thenThrows(DemandInvalidError, rule('ADDRESSEE_REQUIRED')));

  it('refuses an addressee without an organisation', () =>
    given([])
      .when(cmd.raiseDemand({ addressees: [{ role: 'DFSPIP', organisation: '' }] }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('refuses an unknown category', () =>
    given([])
      .when(cmd.raiseDemand({ category: 'parking' as never }))
      .thenThrows(DemandInvalidError, rule('UNKNOWN_VALUE')));

  it('refuses a malformed occurredAt', () =>
    given([])
      .when(cmd.raiseDemand({ occurredAt: 'yesterday' }))
      .thenThrows(DemandInvalidError, rule('INVALID_DATE')));
});

describe('Demand › When drafted', () => {
  const drafted = [demandDrafted()];

  it('raises the draft with the details given on adoption', () => {
    given(drafted)
      .when(cmd.raiseDemand({ priority: 'medium' }))
      .then([demandRaised({ priority: 'medium' })], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'RAISED', draftedAt: T.drafted, raisedAt: T.raised });
      });
  });

  it('refuses a second draft', () =>
    given(drafted).when(cmd.draftDemand()).thenThrows(DemandAlreadyExistsError));

  it('can be reworded before it is raised', () =>
    given(drafted)
      .when(cmd.rewordDemand())
      .then([demandReworded({ occurredAt: T.raised })]));

  it('cannot be escalated', () =>
    given(drafted).when(cmd.escalateDemand()).thenThrows(DemandTransitionNotAllowedError));
});

describe('Demand › When raised', () => {
  const raised = [demandRaised()];

  it('refuses to be raised again', () =>
    given(raised)
      .when(cmd.raiseDemand())
      .thenThrows(DemandAlreadyExistsError, (e) => expect(e.kind).toBe('conflict')));

  describe('links and wording', () => {
    it('links an observation', () =>
      given(raised).when(cmd.linkObservation()).then([demandLinkedToObservation()]));

    it('records nothing when the observation is already linked', () =>
      given(raised)
        .when(cmd.linkObservation({ observationId: 'obs-B12' }))
        .thenNothing());

    it('refuses to link an empty observation id', () =>
      given(raised)
        .when(cmd.linkObservation({ observationId: '' }))
        .thenThrows(DemandInvalidError));

    it('unlinks a linked observation', () => {
      given(raised)
        .when(cmd.unlinkObservation())
        .then([demandUnlinkedFromObservation()], (state) => {
          expect(asDemand(state).observationIds).toEqual([]);
        });
    });

    it('refuses to unlink an observation that is not linked', () =>
      given(raised)
        .when(cmd.unlinkObservation({ observationId: 'obs-L01' }))
        .thenThrows(DemandPreconditionFailedError, rule('OBSERVATION_NOT_LINKED')));

    it('rewords the title and keeps the previous one', () => {
      given(raised)
        .when(cmd.rewordDemand())
        .then([demandReworded()], (state) => {
          expect(asDemand(state).title).toBe('Renforcer les effectifs CPIP de Béthune');
        });
    });

    it('rewords the description and keeps the previous one', () =>
      given([demandRaised({ description: 'Avant' })])
        .when(cmd.rewordDemand({ title: undefined, description: 'Après' }))
        .then([
          {
            type: 'DemandReworded',
            data: {
              demandId: DEMAND_ID,
              occurredAt: T.raised,
              description: 'Après',
              previousTitle: demandRaised().data.title,
              previousDescription: 'Avant',
            },
          },
        ]));

    it('records nothing when the wording is unchanged', () =>
      given(raised)
        .when(cmd.rewordDemand({ title: demandRaised().data.title }))
        .thenNothing());

    it('refuses a rewording that changes nothing at all', () =>
      given(raised)
        .when(cmd.rewordDemand({ title: undefined }))
        .thenThrows(DemandInvalidError, rule('NOTHING_TO_CHANGE')));

    it('refuses an empty title', () =>
      given(raised)
        .when(cmd.rewordDemand({ title: '' }))
        .thenThrows(DemandInvalidError, rule('REQUIRED')));
  });

  describe('priority and addressees', () => {
    it('sets the priority', () => given(raised).when(cmd.setDemandPriority()).then([demandPrioritySet()]));

    it('records nothing for the same priority', () =>
      given(raised)
        .when(cmd.setDemandPriority({ priority: 'high' }))
        .thenNothing());

    it('refuses an unknown priority', () =>
      given(raised)
        .when(cmd.setDemandPriority({ priority: 'urgent' as never }))
        .thenThrows(DemandInvalidError, rule('UNKNOWN_VALUE')));

    it('changes the addressees', () =>
      given(raised).when(cmd.changeDemandAddressees()).then([demandAddresseesChanged()]));

    it('records nothing for the same addressees', () =>
      given(raised)
        .when(cmd.changeDemandAddressees({ addressees: [DAP_MOBILITY] }))
        .thenNothing());

    it('refuses an empty list of addressees', () =>
      given(raised)
        .when(cmd.changeDemandAddressees({ addressees: [] }))
        .thenThrows(DemandInvalidError, rule('ADDRESSEE_REQUIRED')));
  });

  describe('submission', () => {
    it('submits the demand with the due date computed by the caller', () => {
      given(raised)
        .when(cmd.submitDemand({ meetingId: 'mtg-1' }))
        .then([demandSubmitted({ meetingId: 'mtg-1' })], (state) => {
          expect(asDemand(state)).toMatchObject({
            status: 'SUBMITTED',
            timesAsked: 1,
            firstSubmittedAt: T.submitted,
            responseDueAt: T.responseDue,
          });
        });
    });

    it('accepts a due date equal to the submission', () =>
      given(raised)
        .when(cmd.submitDemand({ responseDueAt: T.submitted }))
        .then([demandSubmitted({ responseDueAt: T.submitted })]));

    it('refuses a due date before the submission', () =>
      given(raised)
        .when(cmd.submitDemand({ responseDueAt: '2024-02-01T00:00:00.000Z' }))
        .thenThrows(DemandInvalidError, rule('DATE_ORDER')));

    it('refuses a malformed due date', () =>
      given(raised)
        .when(cmd.submitDemand({ responseDueAt: 'in 30 days' }))
        .thenThrows(DemandInvalidError, rule('INVALID_DATE')));

    it('refuses an unknown channel', () =>
      given(raised)
        .when(cmd.submitDemand({ channel: 'pigeon' as never }))
        .thenThrows(DemandInvalidError, rule('UNKNOWN_VALUE')));

    it('refuses an addressee without a role', () =>
      given(raised)
        .when(cmd.submitDemand({ addressee: { role: '', organisation: 'spip-62' } }))
        .thenThrows(DemandInvalidError, rule('REQUIRED')));
  });

  describe('escalation, abandonment, merge', () => {
    it('escalates to another level, with new addressees', () => {
      given(raised)
        .when(cmd.escalateDemand({ addressees: [DAP_MOBILITY] }))
        .then([demandEscalated({ addressees: [DAP_MOBILITY] })], (state) => {
          expect(asDemand(state)).toMatchObject({ status: 'RAISED', level: 'national' });
        });
    });

    it('refuses to escalate to the same level', () =>
      given(raised)
        .when(cmd.escalateDemand({ toLevel: 'local' }))
        .thenThrows(DemandInvalidError, rule('SAME_LEVEL')));

    it('refuses an escalation without a reason', () =>
      given(raised)
        .when(cmd.escalateDemand({ reason: '' }))
        .thenThrows(DemandInvalidError, rule('REQUIRED')));

    it('is abandoned with a reason', () => {
      given(raised)
        .when(cmd.abandonDemand())
        .then([demandAbandoned()], (state) => {
          expect(asDemand(state)).toMatchObject({
            status: 'ABANDONED',
            closeReason: 'obsolete',
            closedAt: T.closed,
          });
        });
    });

    it('is abandoned for another reason with a note', () =>
      given(raised)
        .when(cmd.abandonDemand({ reason: 'other', note: 'Fusion des antennes' }))
        .then([demandAbandoned({ reason: 'other', note: 'Fusion des antennes' })]));

    it('refuses "other" without a note', () =>
      given(raised)
        .when(cmd.abandonDemand({ reason: 'other' }))
        .thenThrows(DemandInvalidError, rule('REQUIRED')));

    it('refuses an unknown abandon reason', () =>
      given(raised)
        .when(cmd.abandonDemand({ reason: 'bored' as never }))
        .thenThrows(DemandInvalidError, rule('UNKNOWN_VALUE')));

    it('is merged into another demand', () => {
      given(raised)
        .when(cmd.mergeDemand())
        .then([demandMerged()], (state) => {
          expect(asDemand(state)).toMatchObject({ status: 'MERGED', mergedInto: OTHER_DEMAND_ID });
        });
    });

    it('refuses to merge into itself', () =>
      given(raised)
        .when(cmd.mergeDemand({ intoDemandId: DEMAND_ID }))
        .thenThrows(DemandInvalidError, rule('MERGE_INTO_ITSELF')));
  });

  it('records no missed deadline: nothing is awaited', () =>
    given(raised).when(cmd.recordMissedDeadline()).thenNothing());
});

describe('Demand › When submitted', () => {
  const submitted = historyIn('SUBMITTED');

  it('is asked again with a new submission', () => {
    const again = cmd.submitDemand({
      occurredAt: '2024-03-30T09:00:00.000Z',
      responseDueAt: '2024-04-29T09:00:00.000Z',
    });
    given(submitted)
      .when(again)
      .then(
        [
          demandSubmitted({
            occurredAt: again.occurredAt,
            submittedAt: again.occurredAt,
            responseDueAt: '2024-04-29T09:00:00.000Z',
          }),
        ],
        (state) => {
          expect(asDemand(state)).toMatchObject({
            timesAsked: 2,
            firstSubmittedAt: T.submitted,
            lastSubmittedAt: again.occurredAt,
          });
        },
      );
  });

  it('sends a reminder, which counts as asking again', () => {
    given(submitted)
      .when(cmd.sendReminder())
      .then([reminderSent()], (state) => {
        expect(asDemand(state)).toMatchObject({
          status: 'SUBMITTED',
          timesAsked: 2,
          responseDueAt: T.responseDue,
        });
      });
  });

  it('sends a reminder that moves the due date', () => {
    given(submitted)
      .when(cmd.sendReminder({ responseDueAt: '2024-04-15T00:00:00.000Z' }))
      .then([reminderSent({ responseDueAt: '2024-04-15T00:00:00.000Z' })], (state) => {
        expect(asDemand(state).responseDueAt).toBe('2024-04-15T00:00:00.000Z');
      });
  });

  it('refuses a reminder whose due date is before the reminder', () =>
    given(submitted)
      .when(cmd.sendReminder({ responseDueAt: '2024-03-01T00:00:00.000Z' }))
      .thenThrows(DemandInvalidError, rule('DATE_ORDER')));

  it('records an acknowledgement', () => {
    given(submitted)
      .when(cmd.acknowledgeDemand())
      .then([managementAcknowledged()], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: T.acknowledged });
      });
  });

  it('records a management response', () => {
    given(submitted)
      .when(cmd.recordManagementResponse({ documentRef: 'doc-1' }))
      .then([managementResponseReceived({ documentRef: 'doc-1' })], (state) => {
        expect(asDemand(state)).toMatchObject({
          status: 'RESPONSE_RECEIVED',
          responseDueAt: null,
          lastResponse: {
            stance: 'accept',
            authorRole: 'DFSPIP',
            respondedAt: T.responded,
            documentRef: 'doc-1',
          },
        });
      });
  });

  it('records a deferred answer with its new due date', () => {
    given(submitted)
      .when(cmd.recordManagementResponse({ stance: 'defer', text: 'À l’étude.', newDueAt: T.deferredUntil }))
      .then([managementDeferred()], (state) => {
        expect(asDemand(state)).toMatchObject({
          status: 'RESPONSE_RECEIVED',
          responseDueAt: T.deferredUntil,
          deferCount: 1,
          suggestAgendaItem: false,
        });
      });
  });

  it('refuses a deferred answer without a new due date', () =>
    given(submitted)
      .when(cmd.recordManagementResponse({ stance: 'defer' }))
      .thenThrows(DemandInvalidError, rule('NEW_DUE_AT_REQUIRED')));

  it('refuses a deferred answer whose new due date is before the answer', () =>
    given(submitted)
      .when(cmd.recordManagementResponse({ stance: 'defer', newDueAt: '2024-03-01T00:00:00.000Z' }))
      .thenThrows(DemandInvalidError, rule('DATE_ORDER')));

  it('refuses a new due date with a stance other than defer', () =>
    given(submitted)
      .when(cmd.recordManagementResponse({ newDueAt: T.deferredUntil }))
      .thenThrows(DemandInvalidError, rule('NEW_DUE_AT_NOT_ALLOWED')));

  it('refuses an answer dated before the first submission', () =>
    given(submitted)
      .when(cmd.recordManagementResponse({ occurredAt: '2024-02-01T00:00:00.000Z' }))
      .thenThrows(DemandInvalidError, rule('DATE_ORDER')));

  it('refuses an answer without the verbatim text', () =>
    given(submitted)
      .when(cmd.recordManagementResponse({ text: '' }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('escalates and goes back to RAISED with nothing awaited', () => {
    given(submitted)
      .when(cmd.escalateDemand())
      .then([demandEscalated()], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'RAISED', responseDueAt: null, timesAsked: 1 });
      });
  });

  describe('response deadline', () => {
    it('records a missed response deadline', () =>
      given(submitted).when(cmd.recordMissedDeadline()).then([responseDeadlineMissed()]));

    it('records it only once', () =>
      given([...submitted, responseDeadlineMissed()])
        .when(cmd.recordMissedDeadline())
        .thenNothing());

    it('treats the same instant written differently as the same deadline', () =>
      given([...submitted, responseDeadlineMissed({ dueAt: '2024-03-24T11:00:00+01:00' })])
        .when(cmd.recordMissedDeadline())
        .thenNothing());

    it('records nothing once the due date has moved', () =>
      given([...submitted, reminderSent({ responseDueAt: '2024-07-15T00:00:00.000Z' })])
        .when(cmd.recordMissedDeadline())
        .thenNothing());

    it('refuses a check made before the deadline has passed', () =>
      given(submitted)
        .when(cmd.recordMissedDeadline({ asOf: T.responseDue }))
        .thenThrows(DemandInvalidError, rule('DEADLINE_NOT_PASSED')));
  });
});

describe('Demand › When acknowledged', () => {
  const acknowledged = historyIn('ACKNOWLEDGED');

  it('records a management response', () =>
    given(acknowledged).when(cmd.recordManagementResponse()).then([managementResponseReceived()]));

  it('sends a reminder', () => given(acknowledged).when(cmd.sendReminder()).then([reminderSent()]));

  it('is asked again with a new submission (back to SUBMITTED)', () => {
    given(acknowledged)
      .when(cmd.submitDemand())
      .then([demandSubmitted()], (state) => {
        expect(asDemand(state).status).toBe('SUBMITTED');
      });
  });

  it('refuses a second acknowledgement', () =>
    given(acknowledged).when(cmd.acknowledgeDemand()).thenThrows(DemandTransitionNotAllowedError));

  it('still records a missed response deadline', () =>
    given(acknowledged).when(cmd.recordMissedDeadline()).then([responseDeadlineMissed()]));
});

describe('Demand › When response received', () => {
  const submitted = historyIn('SUBMITTED');
  const accepted = historyIn('RESPONSE_RECEIVED');
  const refused = [...submitted, managementResponseReceived({ stance: 'refuse', text: 'Non.' })];
  const deferred = [...submitted, managementDeferred()];

  it('records a second defer and suggests a formal agenda item', () => {
    const again = cmd.recordManagementResponse({
      responseId: 'resp-2',
      occurredAt: '2024-05-20T09:00:00.000Z',
      stance: 'defer',
      text: 'Toujours à l’étude.',
      newDueAt: '2024-07-20T09:00:00.000Z',
    });
    given(deferred)
      .when(again)
      .then(
        [
          managementResponseReceived({
            responseId: 'resp-2',
            occurredAt: again.occurredAt,
            respondedAt: again.occurredAt,
            stance: 'defer',
            text: 'Toujours à l’étude.',
            newDueAt: '2024-07-20T09:00:00.000Z',
          }),
        ],
        (state) => {
          expect(asDemand(state)).toMatchObject({
            deferCount: 2,
            suggestAgendaItem: true,
            responseDueAt: '2024-07-20T09:00:00.000Z',
          });
        },
      );
  });

  it('is asked again after an answer', () => {
    given(refused)
      .when(
        cmd.submitDemand({
          occurredAt: '2024-04-01T00:00:00.000Z',
          channel: 'csa_agenda_item',
          responseDueAt: '2024-05-01T00:00:00.000Z',
        }),
      )
      .then(
        [
          demandSubmitted({
            occurredAt: '2024-04-01T00:00:00.000Z',
            submittedAt: '2024-04-01T00:00:00.000Z',
            channel: 'csa_agenda_item',
            responseDueAt: '2024-05-01T00:00:00.000Z',
          }),
        ],
        (state) => {
          expect(asDemand(state)).toMatchObject({ status: 'SUBMITTED', timesAsked: 2 });
        },
      );
  });

  it('records a commitment after an "accept" answer', () => {
    given(accepted)
      .when(cmd.makeCommitment())
      .then([commitmentMade()], (state) => {
        expect(asDemand(state)).toMatchObject({
          status: 'COMMITTED',
          commitments: [{ commitmentId: 'com-1', status: 'open', dueAt: T.commitmentDue, owner: 'DFSPIP' }],
        });
      });
  });

  it('records a commitment after a "partial" answer', () =>
    given([...submitted, managementResponseReceived({ stance: 'partial' })])
      .when(cmd.makeCommitment({ acceptanceCriterion: 'Courrier transmis' }))
      .then([commitmentMade({ acceptanceCriterion: 'Courrier transmis' })]));

  it('refuses a commitment after a refusal', () =>
    given(refused)
      .when(cmd.makeCommitment())
      .thenThrows(DemandPreconditionFailedError, rule('ANSWER_NOT_FAVOURABLE')));

  it('refuses a commitment after a defer', () =>
    given(deferred)
      .when(cmd.makeCommitment())
      .thenThrows(DemandPreconditionFailedError, rule('ANSWER_NOT_FAVOURABLE')));

  it('verifies the demand', () => {
    given(accepted)
      .when(cmd.verifyDemand())
      .then([demandVerified()], (state) => {
        expect(asDemand(state).verification).toMatchObject({ finding: 'met', verifiedAt: T.verified });
      });
  });

  it('refuses a verification without evidence reference', () =>
    given(accepted)
      .when(cmd.verifyDemand({ evidence: { kind: 'observation', reference: '', description: 'Visite' } }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('refuses an unknown evidence kind', () =>
    given(accepted)
      .when(cmd.verifyDemand({ evidence: { kind: 'rumour' as never, reference: 'x', description: 'y' } }))
      .thenThrows(DemandInvalidError, rule('UNKNOWN_VALUE')));

  it('closes as satisfied after a "met" verification', () => {
    given([...accepted, demandVerified()])
      .when(cmd.closeAsSatisfied())
      .then([demandSatisfied()], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'SATISFIED', closedAt: T.closed });
      });
  });

  it('refuses to close as satisfied on management’s word alone', () =>
    given(accepted)
      .when(cmd.closeAsSatisfied())
      .thenThrows(DemandPreconditionFailedError, rule('VERIFICATION_REQUIRED')));

  it('refuses to close as satisfied after a "partly met" verification', () =>
    given([...accepted, demandVerified({ finding: 'partly_met' })])
      .when(cmd.closeAsSatisfied())
      .thenThrows(DemandPreconditionFailedError, rule('VERIFICATION_REQUIRED')));

  it('judges on the latest verification', () =>
    given([...accepted, demandVerified(), demandVerified({ finding: 'not_met' })])
      .when(cmd.closeAsSatisfied())
      .thenThrows(DemandPreconditionFailedError));

  it('closes as partially satisfied after a "partly met" verification', () =>
    given([...accepted, demandVerified({ finding: 'partly_met' })])
      .when(cmd.closeAsPartiallySatisfied({ note: 'Un ASE sur deux' }))
      .then([demandPartiallySatisfied({ note: 'Un ASE sur deux' })]));

  it('closes as partially satisfied after a "met" verification', () =>
    given([...accepted, demandVerified()])
      .when(cmd.closeAsPartiallySatisfied())
      .then([demandPartiallySatisfied()]));

  it('refuses to close as partially satisfied after a "not met" verification', () =>
    given([...accepted, demandVerified({ finding: 'not_met' })])
      .when(cmd.closeAsPartiallySatisfied())
      .thenThrows(DemandPreconditionFailedError, rule('VERIFICATION_REQUIRED')));

  it('closes as refused after a refusal', () => {
    given(refused)
      .when(cmd.closeAsRefused({ reason: 'Refus du DFSPIP' }))
      .then([demandRefused({ reason: 'Refus du DFSPIP' })], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'REFUSED', closeReason: 'Refus du DFSPIP' });
      });
  });

  it('refuses to close as refused when the last answer was not a refusal', () =>
    given(accepted)
      .when(cmd.closeAsRefused())
      .thenThrows(DemandPreconditionFailedError, rule('REFUSAL_REQUIRED')));

  it('records nothing for the old deadline once answered', () =>
    given(accepted).when(cmd.recordMissedDeadline()).thenNothing());

  it('records a missed deadline for a deferred answer', () =>
    given(deferred)
      .when(cmd.recordMissedDeadline({ deadline: { kind: 'response', dueAt: T.deferredUntil } }))
      .then([responseDeadlineMissed({ dueAt: T.deferredUntil })]));
});

describe('Demand › When committed', () => {
  const committed = historyIn('COMMITTED');

  it('records another commitment', () => {
    given(committed)
      .when(cmd.makeCommitment({ commitmentId: 'com-2' }))
      .then([commitmentMade({ commitmentId: 'com-2' })], (state) => {
        expect(asDemand(state)).toMatchObject({ status: 'COMMITTED' });
        expect(asDemand(state).commitments).toHaveLength(2);
      });
  });

  it('refuses a commitment id used twice', () =>
    given(committed)
      .when(cmd.makeCommitment())
      .thenThrows(DemandPreconditionFailedError, rule('COMMITMENT_EXISTS')));

  it('refuses a commitment due before it was made', () =>
    given(committed)
      .when(cmd.makeCommitment({ commitmentId: 'com-2', dueAt: '2024-01-01T00:00:00.000Z' }))
      .thenThrows(DemandInvalidError, rule('DATE_ORDER')));

  it('refuses a commitment without an owner', () =>
    given(committed)
      .when(cmd.makeCommitment({ commitmentId: 'com-2', owner: '' }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('reschedules a commitment', () => {
    given(committed)
      .when(cmd.rescheduleCommitment())
      .then([commitmentRescheduled()], (state) => {
        expect(asDemand(state).commitments[0]).toMatchObject({
          dueAt: '2024-09-30T00:00:00.000Z',
          rescheduleCount: 1,
        });
      });
  });

  it('records nothing when rescheduled to the same date', () =>
    given(committed)
      .when(cmd.rescheduleCommitment({ newDueAt: T.commitmentDue }))
      .thenNothing());

  it('refuses to reschedule an unknown commitment', () =>
    given(committed)
      .when(cmd.rescheduleCommitment({ commitmentId: 'com-9' }))
      .thenThrows(DemandPreconditionFailedError, rule('COMMITMENT_NOT_FOUND')));

  it('refuses a reschedule without a reason', () =>
    given(committed)
      .when(cmd.rescheduleCommitment({ reason: ' ' }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('reports progress and moves to IN_PROGRESS', () => {
    given(committed)
      .when(cmd.reportProgress({ commitmentId: 'com-1' }))
      .then([progressReported({ commitmentId: 'com-1' })], (state) => {
        expect(asDemand(state)).toMatchObject({
          status: 'IN_PROGRESS',
          progressPercent: 50,
          commitments: [{ progressPercent: 50, status: 'open' }],
        });
      });
  });

  it('refuses a percentage above 100', () =>
    given(committed)
      .when(cmd.reportProgress({ percent: 120 }))
      .thenThrows(DemandInvalidError, rule('PERCENT_RANGE')));

  it('refuses progress without a note', () =>
    given(committed)
      .when(cmd.reportProgress({ note: '' }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('refuses progress on an unknown commitment', () =>
    given(committed)
      .when(cmd.reportProgress({ commitmentId: 'com-9' }))
      .thenThrows(DemandPreconditionFailedError, rule('COMMITMENT_NOT_FOUND')));

  it('records a later answer without leaving COMMITTED', () => {
    given(committed)
      .when(
        cmd.recordManagementResponse({
          responseId: 'resp-2',
          occurredAt: T.progress,
          stance: 'refuse',
          text: 'Finalement non.',
        }),
      )
      .then(
        [
          managementResponseReceived({
            responseId: 'resp-2',
            occurredAt: T.progress,
            respondedAt: T.progress,
            stance: 'refuse',
            text: 'Finalement non.',
          }),
        ],
        (state) => {
          expect(asDemand(state).status).toBe('COMMITTED');
        },
      );
  });

  it('closes as satisfied after verification', () =>
    given([...committed, demandVerified()])
      .when(cmd.closeAsSatisfied())
      .then([demandSatisfied()]));

  it('is verified without changing status', () =>
    given(committed)
      .when(cmd.verifyDemand({ finding: 'not_met' }))
      .then([demandVerified({ finding: 'not_met' })], (state) => expect(state.status).toBe('COMMITTED')));

  describe('commitment deadline', () => {
    const missed = cmd.recordMissedDeadline({
      occurredAt: '2024-07-01T06:00:00.000Z',
      asOf: '2024-07-01T06:00:00.000Z',
      deadline: { kind: 'commitment', commitmentId: 'com-1', dueAt: T.commitmentDue },
    });

    it('records a missed commitment deadline', () =>
      given(committed).when(missed).then([commitmentDeadlineMissed()]));

    it('records it only once', () =>
      given([...committed, commitmentDeadlineMissed()])
        .when(missed)
        .thenNothing());

    it('records nothing once the commitment was rescheduled', () =>
      given([...committed, commitmentRescheduled()])
        .when(missed)
        .thenNothing());

    it('refuses a deadline of an unknown commitment', () =>
      given(committed)
        .when(
          cmd.recordMissedDeadline({
            deadline: { kind: 'commitment', commitmentId: 'com-9', dueAt: T.commitmentDue },
          }),
        )
        .thenThrows(DemandPreconditionFailedError, rule('COMMITMENT_NOT_FOUND')));

    it('refuses a check before the due date', () =>
      given(committed)
        .when({ ...missed, asOf: '2024-06-01T00:00:00.000Z' })
        .thenThrows(DemandInvalidError, rule('DEADLINE_NOT_PASSED')));
  });
});

describe('Demand › When in progress', () => {
  const inProgress = historyIn('IN_PROGRESS');
  const done = [
    ...inProgress,
    progressReported({ percent: 100, note: 'Courrier envoyé', commitmentId: 'com-1' }),
  ];

  it('stays IN_PROGRESS when a new commitment is made', () => {
    given(inProgress)
      .when(cmd.makeCommitment({ commitmentId: 'com-2' }))
      .then([commitmentMade({ commitmentId: 'com-2' })], (state) => {
        expect(asDemand(state).status).toBe('IN_PROGRESS');
      });
  });

  it('marks the commitment done at 100 %', () => {
    given(inProgress)
      .when(cmd.reportProgress({ percent: 100, note: 'Courrier envoyé', commitmentId: 'com-1' }))
      .then([progressReported({ percent: 100, note: 'Courrier envoyé', commitmentId: 'com-1' })], (state) => {
        expect(asDemand(state).commitments[0]?.status).toBe('done');
      });
  });

  it('refuses to reschedule a commitment that is done', () =>
    given(done)
      .when(cmd.rescheduleCommitment())
      .thenThrows(DemandPreconditionFailedError, rule('COMMITMENT_NOT_OPEN')));

  it('records no missed deadline for a commitment that is done', () =>
    given(done)
      .when(
        cmd.recordMissedDeadline({
          deadline: { kind: 'commitment', commitmentId: 'com-1', dueAt: T.commitmentDue },
        }),
      )
      .thenNothing());

  it('reschedules an open commitment', () =>
    given(inProgress).when(cmd.rescheduleCommitment()).then([commitmentRescheduled()]));

  it('verifies and closes as partially satisfied', () =>
    given([...inProgress, demandVerified({ finding: 'partly_met' })])
      .when(cmd.closeAsPartiallySatisfied())
      .then([demandPartiallySatisfied()]));

  it('closes as refused after a late refusal', () =>
    given([
      ...inProgress,
      managementResponseReceived({ responseId: 'resp-2', stance: 'refuse', text: 'Non.' }),
    ])
      .when(cmd.closeAsRefused())
      .then([demandRefused()]));

  it('is escalated', () => given(inProgress).when(cmd.escalateDemand()).then([demandEscalated()]));

  it('records a later answer without leaving IN_PROGRESS', () =>
    given(inProgress)
      .when(cmd.recordManagementResponse({ responseId: 'resp-2', occurredAt: T.verified }))
      .then(
        [
          managementResponseReceived({
            responseId: 'resp-2',
            occurredAt: T.verified,
            respondedAt: T.verified,
          }),
        ],
        (state) => expect(state.status).toBe('IN_PROGRESS'),
      ));

  it('is verified without changing status', () =>
    given(inProgress)
      .when(cmd.verifyDemand())
      .then([demandVerified()], (state) => expect(state.status).toBe('IN_PROGRESS')));

  it('closes as satisfied after a "met" verification', () =>
    given([...inProgress, demandVerified()])
      .when(cmd.closeAsSatisfied())
      .then([demandSatisfied()]));

  it('is abandoned', () =>
    given(inProgress)
      .when(cmd.abandonDemand({ reason: 'achieved_other_means' }))
      .then([demandAbandoned({ reason: 'achieved_other_means' })], (state) =>
        expect(asDemand(state)).toMatchObject({ status: 'ABANDONED', responseDueAt: null }),
      ));

  it('is merged into another demand', () => given(inProgress).when(cmd.mergeDemand()).then([demandMerged()]));
});

describe('Demand › When closed', () => {
  it.each(['SATISFIED', 'PARTIALLY_SATISFIED', 'REFUSED', 'ABANDONED'] as const)(
    'reopens when %s',
    (status) => {
      given(historyIn(status))
        .when(cmd.reopenDemand())
        .then([demandReopened()], (state) => {
          expect(asDemand(state)).toMatchObject({
            status: 'RAISED',
            verification: null,
            closedAt: null,
            closeReason: null,
            reopenCount: 1,
          });
        });
    },
  );

  it('refuses to reopen without a reason', () =>
    given(historyIn('SATISFIED'))
      .when(cmd.reopenDemand({ reason: '' }))
      .thenThrows(DemandInvalidError, rule('REQUIRED')));

  it('refuses to reopen a merged demand', () =>
    given(historyIn('MERGED'))
      .when(cmd.reopenDemand())
      .thenThrows(DemandTransitionNotAllowedError, (error) =>
        expect(error.message).toBe(
          'Impossible de rouvrir la revendication tant que la revendication est au statut MERGED ; possible depuis : SATISFIED, PARTIALLY_SATISFIED, REFUSED, ABANDONED',
        ),
      ));

  it('needs a new verification after reopening', () =>
    given([
      ...historyIn('SATISFIED'),
      demandReopened(),
      demandSubmitted({
        occurredAt: '2024-09-02T00:00:00.000Z',
        submittedAt: '2024-09-02T00:00:00.000Z',
        responseDueAt: '2024-10-02T00:00:00.000Z',
      }),
      managementResponseReceived({
        responseId: 'resp-3',
        occurredAt: '2024-09-10T00:00:00.000Z',
        respondedAt: '2024-09-10T00:00:00.000Z',
      }),
    ])
      .when(cmd.closeAsSatisfied({ occurredAt: '2024-09-11T00:00:00.000Z' }))
      .thenThrows(DemandPreconditionFailedError, rule('VERIFICATION_REQUIRED')));

  it('records no missed deadline on a closed demand', () =>
    given([...historyIn('SUBMITTED'), demandAbandoned()])
      .when(cmd.recordMissedDeadline())
      .thenNothing());

  it('refuses changes to a closed demand', () =>
    given(historyIn('REFUSED')).when(cmd.rewordDemand()).thenThrows(DemandTransitionNotAllowedError));
});

describe('Demand › Seed scenario (dem-B6, Béthune staffing)', () => {
  it('goes from raising to escalation to the DAP after two defers', () => {
    given([
      demandRaised(),
      demandSubmitted(),
      managementDeferred(),
      managementDeferred({
        responseId: 'resp-2',
        occurredAt: '2024-05-21T00:00:00.000Z',
        respondedAt: '2024-05-21T00:00:00.000Z',
        newDueAt: '2024-07-21T00:00:00.000Z',
      }),
    ])
      .when(cmd.escalateDemand({ occurredAt: '2024-06-01T00:00:00.000Z', addressees: [DAP_MOBILITY] }))
      .then(
        [demandEscalated({ occurredAt: '2024-06-01T00:00:00.000Z', addressees: [DAP_MOBILITY] })],
        (state) => {
          expect(asDemand(state)).toMatchObject({
            status: 'RAISED',
            level: 'national',
            suggestAgendaItem: true,
            deferCount: 2,
            timesAsked: 1,
            addressees: [DAP_MOBILITY],
            lastEventAt: '2024-06-01T00:00:00.000Z',
          });
          expect(DFSPIP).toBeDefined();
        },
      );
  });
});
