import type {
  CommitmentDeadlineMissed,
  CommitmentMade,
  CommitmentRescheduled,
  DemandAbandoned,
  DemandAddresseesChanged,
  DemandDrafted,
  DemandEscalated,
  DemandEvent,
  DemandLinkedToObservation,
  DemandMerged,
  DemandPartiallySatisfied,
  DemandPrioritySet,
  DemandRaised,
  DemandRefused,
  DemandReopened,
  DemandReworded,
  DemandSatisfied,
  DemandSubmitted,
  DemandUnlinkedFromObservation,
  DemandVerified,
  ManagementAcknowledged,
  ManagementResponseReceived,
  ProgressReported,
  ReminderSent,
  ResponseDeadlineMissed,
} from '../../../src/demands/domain/demand.events.js';
import type { DemandStatus } from '../../../src/demands/domain/demand.js';

/** The demand every builder talks about, unless overridden (dem-B6, Béthune staffing, from the seed). */
export const DEMAND_ID = '6b0f6a0e-8d5c-4d3e-9a43-2b1f0c3d4e5f';
export const OTHER_DEMAND_ID = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** A plausible, ordered timeline (the seed report is dated 2024-02-23; default answer window 30 days). */
export const T = {
  drafted: '2024-02-20T09:00:00.000Z',
  raised: '2024-02-23T09:00:00.000Z',
  submitted: '2024-02-23T10:00:00.000Z',
  responseDue: '2024-03-24T10:00:00.000Z',
  acknowledged: '2024-03-01T09:00:00.000Z',
  reminded: '2024-03-15T09:00:00.000Z',
  responded: '2024-03-20T09:00:00.000Z',
  deferredUntil: '2024-05-20T09:00:00.000Z',
  committed: '2024-03-21T09:00:00.000Z',
  commitmentDue: '2024-06-30T00:00:00.000Z',
  progress: '2024-05-02T09:00:00.000Z',
  verified: '2024-07-10T09:00:00.000Z',
  closed: '2024-07-11T09:00:00.000Z',
  reopened: '2024-09-01T09:00:00.000Z',
  checked: '2024-07-01T06:00:00.000Z',
} as const;

export const DFSPIP = { role: 'DFSPIP', organisation: 'spip-62' };
export const DAP_MOBILITY = { role: 'bureau RH / mobilité CPIP', organisation: 'dap' };

const builder =
  <E extends DemandEvent>(type: E['type'], defaults: () => E['data']) =>
  (overrides: Partial<E['data']> = {}): E =>
    ({ type, data: { ...defaults(), ...overrides } }) as E;

const base = (occurredAt: string) => ({ demandId: DEMAND_ID, occurredAt });

const details = () => ({
  antennaId: 'ant-bethune',
  title: 'Prise en compte du sous-effectif CPIP lors de la prochaine campagne de mobilité CPIP',
  category: 'staffing_recruitment' as const,
  explicit: true,
  quote: 'espère donc que le manque de personnel … sera pris en compte par la DAP',
  priority: 'high' as const,
  addressees: [DAP_MOBILITY],
  level: 'local' as const,
  observationIds: ['obs-B12'],
  legalRefs: [],
  legalBases: [],
  sourceRef: 'src-fo-cpip-spip62-2024-02-23',
});

export const demandDrafted = builder<DemandDrafted>('DemandDrafted', () => ({
  ...base(T.drafted),
  ...details(),
  draftedAt: T.drafted,
}));
export const demandRaised = builder<DemandRaised>('DemandRaised', () => ({
  ...base(T.raised),
  ...details(),
  raisedAt: T.raised,
}));
export const demandLinkedToObservation = builder<DemandLinkedToObservation>(
  'DemandLinkedToObservation',
  () => ({
    ...base(T.raised),
    observationId: 'obs-B13',
  }),
);
export const demandUnlinkedFromObservation = builder<DemandUnlinkedFromObservation>(
  'DemandUnlinkedFromObservation',
  () => ({ ...base(T.raised), observationId: 'obs-B12' }),
);
export const demandReworded = builder<DemandReworded>('DemandReworded', () => ({
  ...base(T.raised),
  title: 'Renforcer les effectifs CPIP de Béthune',
  previousTitle: details().title,
}));
export const demandPrioritySet = builder<DemandPrioritySet>('DemandPrioritySet', () => ({
  ...base(T.raised),
  priority: 'medium',
  previousPriority: 'high',
}));
export const demandAddresseesChanged = builder<DemandAddresseesChanged>('DemandAddresseesChanged', () => ({
  ...base(T.raised),
  addressees: [DFSPIP],
  previousAddressees: [DAP_MOBILITY],
}));
export const demandSubmitted = builder<DemandSubmitted>('DemandSubmitted', () => ({
  ...base(T.submitted),
  channel: 'letter',
  addressee: DFSPIP,
  submittedAt: T.submitted,
  responseDueAt: T.responseDue,
}));
export const reminderSent = builder<ReminderSent>('ReminderSent', () => ({
  ...base(T.reminded),
  channel: 'email',
  sentAt: T.reminded,
}));
export const managementAcknowledged = builder<ManagementAcknowledged>('ManagementAcknowledged', () => ({
  ...base(T.acknowledged),
}));
export const managementResponseReceived = builder<ManagementResponseReceived>(
  'ManagementResponseReceived',
  () => ({
    ...base(T.responded),
    responseId: 'resp-1',
    stance: 'accept',
    text: 'La situation de Béthune sera signalée à la DAP pour la campagne de mobilité.',
    authorRole: 'DFSPIP',
    channel: 'letter',
    respondedAt: T.responded,
  }),
);
/** A deferred answer ("à l'étude"): builds a consistent defer with its new due date. */
export const managementDeferred = (overrides: Partial<ManagementResponseReceived['data']> = {}) =>
  managementResponseReceived({
    stance: 'defer',
    text: 'À l’étude.',
    newDueAt: T.deferredUntil,
    ...overrides,
  });
export const commitmentMade = builder<CommitmentMade>('CommitmentMade', () => ({
  ...base(T.committed),
  commitmentId: 'com-1',
  deliverable: 'Signalement écrit à la DAP avant la campagne de mobilité',
  owner: 'DFSPIP',
  dueAt: T.commitmentDue,
}));
export const commitmentRescheduled = builder<CommitmentRescheduled>('CommitmentRescheduled', () => ({
  ...base(T.progress),
  commitmentId: 'com-1',
  previousDueAt: T.commitmentDue,
  newDueAt: '2024-09-30T00:00:00.000Z',
  reason: 'Campagne de mobilité décalée',
}));
export const progressReported = builder<ProgressReported>('ProgressReported', () => ({
  ...base(T.progress),
  percent: 50,
  note: 'Courrier en préparation',
}));
export const demandVerified = builder<DemandVerified>('DemandVerified', () => ({
  ...base(T.verified),
  evidence: {
    kind: 'document',
    reference: 'doc-dap-2024-07',
    description: 'Résultats de la campagne de mobilité',
  },
  finding: 'met',
  verifiedAt: T.verified,
}));
export const demandSatisfied = builder<DemandSatisfied>('DemandSatisfied', () => ({ ...base(T.closed) }));
export const demandPartiallySatisfied = builder<DemandPartiallySatisfied>('DemandPartiallySatisfied', () => ({
  ...base(T.closed),
}));
export const demandRefused = builder<DemandRefused>('DemandRefused', () => ({ ...base(T.closed) }));
export const demandAbandoned = builder<DemandAbandoned>('DemandAbandoned', () => ({
  ...base(T.closed),
  reason: 'obsolete',
}));
export const demandMerged = builder<DemandMerged>('DemandMerged', () => ({
  ...base(T.closed),
  intoDemandId: OTHER_DEMAND_ID,
}));
export const demandReopened = builder<DemandReopened>('DemandReopened', () => ({
  ...base(T.reopened),
  reason: 'Les effectifs sont repartis à la baisse',
}));
export const demandEscalated = builder<DemandEscalated>('DemandEscalated', () => ({
  ...base(T.responded),
  fromLevel: 'local',
  toLevel: 'national',
  reason: 'Relève de la campagne de mobilité nationale',
}));
export const responseDeadlineMissed = builder<ResponseDeadlineMissed>('ResponseDeadlineMissed', () => ({
  ...base(T.checked),
  dueAt: T.responseDue,
  asOf: T.checked,
}));
export const commitmentDeadlineMissed = builder<CommitmentDeadlineMissed>('CommitmentDeadlineMissed', () => ({
  ...base(T.checked),
  commitmentId: 'com-1',
  dueAt: T.commitmentDue,
  asOf: T.checked,
}));

/** A typical history that leaves the demand in each status. */
export const historyIn = (status: DemandStatus): DemandEvent[] => {
  const raised = [demandRaised()];
  const submitted = [...raised, demandSubmitted()];
  const accepted = [...submitted, managementResponseReceived()];
  const committed = [...accepted, commitmentMade()];
  switch (status) {
    case 'DRAFT':
      return [demandDrafted()];
    case 'RAISED':
      return raised;
    case 'SUBMITTED':
      return submitted;
    case 'ACKNOWLEDGED':
      return [...submitted, managementAcknowledged()];
    case 'RESPONSE_RECEIVED':
      return accepted;
    case 'COMMITTED':
      return committed;
    case 'IN_PROGRESS':
      return [...committed, progressReported()];
    case 'SATISFIED':
      return [...committed, demandVerified(), demandSatisfied()];
    case 'PARTIALLY_SATISFIED':
      return [...committed, demandVerified({ finding: 'partly_met' }), demandPartiallySatisfied()];
    case 'REFUSED':
      return [...submitted, managementResponseReceived({ stance: 'refuse', text: 'Non.' }), demandRefused()];
    case 'ABANDONED':
      return [...raised, demandAbandoned()];
    case 'MERGED':
      return [...raised, demandMerged()];
  }
};
