import type {
  AbandonDemand,
  AcknowledgeDemand,
  ChangeDemandAddressees,
  CloseAsPartiallySatisfied,
  CloseAsRefused,
  CloseAsSatisfied,
  DemandCommand,
  DemandCommandType,
  DraftDemand,
  EscalateDemand,
  LinkObservation,
  MakeCommitment,
  MergeDemand,
  RaiseDemand,
  RecordManagementResponse,
  RecordMissedDeadline,
  ReopenDemand,
  ReportProgress,
  RescheduleCommitment,
  RewordDemand,
  SendReminder,
  SetDemandPriority,
  SubmitDemand,
  UnlinkObservation,
  VerifyDemand,
} from '../../../src/demands/domain/demand.commands.js';
import { DAP_MOBILITY, DEMAND_ID, DFSPIP, OTHER_DEMAND_ID, T } from './demand.events.js';

type Mutable<C> = { -readonly [K in keyof C]: C[K] };

const builder =
  <C extends DemandCommand>(type: C['type'], defaults: () => Omit<Mutable<C>, 'type'>) =>
  (overrides: Partial<Omit<Mutable<C>, 'type'>> = {}): C =>
    ({ type, ...defaults(), ...overrides }) as C;

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
  sourceRef: 'src-fo-cpip-spip62-2024-02-23',
});

/** Command builders: `cmd.submitDemand({ channel: 'email' })`. Defaults match the event builders' timeline. */
export const cmd = {
  draftDemand: builder<DraftDemand>('DraftDemand', () => ({ ...base(T.drafted), ...details() })),
  raiseDemand: builder<RaiseDemand>('RaiseDemand', () => ({ ...base(T.raised), ...details() })),
  linkObservation: builder<LinkObservation>('LinkObservation', () => ({
    ...base(T.raised),
    observationId: 'obs-B13',
  })),
  unlinkObservation: builder<UnlinkObservation>('UnlinkObservation', () => ({
    ...base(T.raised),
    observationId: 'obs-B12',
  })),
  rewordDemand: builder<RewordDemand>('RewordDemand', () => ({
    ...base(T.raised),
    title: 'Renforcer les effectifs CPIP de Béthune',
  })),
  setDemandPriority: builder<SetDemandPriority>('SetDemandPriority', () => ({
    ...base(T.raised),
    priority: 'medium',
  })),
  changeDemandAddressees: builder<ChangeDemandAddressees>('ChangeDemandAddressees', () => ({
    ...base(T.raised),
    addressees: [DFSPIP],
  })),
  submitDemand: builder<SubmitDemand>('SubmitDemand', () => ({
    ...base(T.submitted),
    channel: 'letter',
    addressee: DFSPIP,
    responseDueAt: T.responseDue,
  })),
  sendReminder: builder<SendReminder>('SendReminder', () => ({ ...base(T.reminded), channel: 'email' })),
  acknowledgeDemand: builder<AcknowledgeDemand>('AcknowledgeDemand', () => ({ ...base(T.acknowledged) })),
  recordManagementResponse: builder<RecordManagementResponse>('RecordManagementResponse', () => ({
    ...base(T.responded),
    responseId: 'resp-1',
    stance: 'accept',
    text: 'La situation de Béthune sera signalée à la DAP pour la campagne de mobilité.',
    authorRole: 'DFSPIP',
    channel: 'letter',
  })),
  makeCommitment: builder<MakeCommitment>('MakeCommitment', () => ({
    ...base(T.committed),
    commitmentId: 'com-1',
    deliverable: 'Signalement écrit à la DAP avant la campagne de mobilité',
    owner: 'DFSPIP',
    dueAt: T.commitmentDue,
  })),
  rescheduleCommitment: builder<RescheduleCommitment>('RescheduleCommitment', () => ({
    ...base(T.progress),
    commitmentId: 'com-1',
    newDueAt: '2024-09-30T00:00:00.000Z',
    reason: 'Campagne de mobilité décalée',
  })),
  reportProgress: builder<ReportProgress>('ReportProgress', () => ({
    ...base(T.progress),
    percent: 50,
    note: 'Courrier en préparation',
  })),
  verifyDemand: builder<VerifyDemand>('VerifyDemand', () => ({
    ...base(T.verified),
    evidence: {
      kind: 'document',
      reference: 'doc-dap-2024-07',
      description: 'Résultats de la campagne de mobilité',
    },
    finding: 'met',
  })),
  closeAsSatisfied: builder<CloseAsSatisfied>('CloseAsSatisfied', () => ({ ...base(T.closed) })),
  closeAsPartiallySatisfied: builder<CloseAsPartiallySatisfied>('CloseAsPartiallySatisfied', () => ({
    ...base(T.closed),
  })),
  closeAsRefused: builder<CloseAsRefused>('CloseAsRefused', () => ({ ...base(T.closed) })),
  abandonDemand: builder<AbandonDemand>('AbandonDemand', () => ({ ...base(T.closed), reason: 'obsolete' })),
  mergeDemand: builder<MergeDemand>('MergeDemand', () => ({
    ...base(T.closed),
    intoDemandId: OTHER_DEMAND_ID,
  })),
  reopenDemand: builder<ReopenDemand>('ReopenDemand', () => ({
    ...base(T.reopened),
    reason: 'Les effectifs sont repartis à la baisse',
  })),
  escalateDemand: builder<EscalateDemand>('EscalateDemand', () => ({
    ...base(T.responded),
    toLevel: 'national',
    reason: 'Relève de la campagne de mobilité nationale',
  })),
  recordMissedDeadline: builder<RecordMissedDeadline>('RecordMissedDeadline', () => ({
    ...base(T.checked),
    deadline: { kind: 'response', dueAt: T.responseDue },
    asOf: T.checked,
  })),
} satisfies { [K in DemandCommandType as Uncapitalize<K>]: (overrides?: never) => DemandCommand };

/** One default command of each type, for table-driven specs. */
export const oneOfEachCommand = (): DemandCommand[] => Object.values(cmd).map((build) => build());
