import { deciderSpec } from '../../../test/support/decider-spec.js';
import { historyIn } from '../../../test/support/builders/demand.events.js';
import { oneOfEachCommand } from '../../../test/support/builders/demand.commands.js';
import type { DemandCommand, DemandCommandType } from './demand.commands.js';
import { demandDecider } from './demand.decide.js';
import { DEMAND_STATUSES, type DemandStatus } from './demand.js';
import {
  DemandAlreadyExistsError,
  DemandNotFoundError,
  DemandTransitionNotAllowedError,
} from './demand.errors.js';

const { given } = deciderSpec(demandDecider);

// Written from the brief, independently of the implementation's ALLOWED_FROM table.
const OPEN: DemandStatus[] = [
  'DRAFT',
  'RAISED',
  'SUBMITTED',
  'ACKNOWLEDGED',
  'RESPONSE_RECEIVED',
  'COMMITTED',
  'IN_PROGRESS',
];
const AFTER_ANSWER: DemandStatus[] = ['RESPONSE_RECEIVED', 'COMMITTED', 'IN_PROGRESS'];
const expectedAllowedFrom: Record<
  Exclude<DemandCommandType, 'DraftDemand' | 'RaiseDemand'>,
  DemandStatus[]
> = {
  LinkObservation: OPEN,
  UnlinkObservation: OPEN,
  RewordDemand: OPEN,
  SetDemandPriority: OPEN,
  ChangeDemandAddressees: OPEN,
  SubmitDemand: ['RAISED', 'SUBMITTED', 'ACKNOWLEDGED', 'RESPONSE_RECEIVED'],
  SendReminder: ['SUBMITTED', 'ACKNOWLEDGED'],
  AcknowledgeDemand: ['SUBMITTED'],
  RecordManagementResponse: ['SUBMITTED', 'ACKNOWLEDGED', 'RESPONSE_RECEIVED', 'COMMITTED', 'IN_PROGRESS'],
  MakeCommitment: AFTER_ANSWER,
  RescheduleCommitment: ['COMMITTED', 'IN_PROGRESS'],
  ReportProgress: ['COMMITTED', 'IN_PROGRESS'],
  VerifyDemand: AFTER_ANSWER,
  CloseAsSatisfied: AFTER_ANSWER,
  CloseAsPartiallySatisfied: AFTER_ANSWER,
  CloseAsRefused: AFTER_ANSWER,
  AbandonDemand: OPEN,
  MergeDemand: OPEN,
  ReopenDemand: ['SATISFIED', 'PARTIALLY_SATISFIED', 'REFUSED', 'ABANDONED'],
  EscalateDemand: OPEN.filter((s) => s !== 'DRAFT'),
  RecordMissedDeadline: [...DEMAND_STATUSES],
};

const commands = oneOfEachCommand();
type ChangeCommand = Exclude<DemandCommand, { type: 'DraftDemand' | 'RaiseDemand' }>;
const changeCommands = commands.filter(
  (c): c is ChangeCommand => c.type !== 'DraftDemand' && c.type !== 'RaiseDemand',
);

const cases = (allowed: boolean) =>
  changeCommands.flatMap((command) =>
    DEMAND_STATUSES.filter((status) => expectedAllowedFrom[command.type].includes(status) === allowed).map(
      (status) => ({ command, status }),
    ),
  );

describe('Demand › Transition table', () => {
  describe('When new (no event in the stream)', () => {
    it.each(changeCommands.map((command) => ({ command })))(
      'refuses $command.type as not found',
      ({ command }) => given([]).when(command).thenThrows(DemandNotFoundError),
    );
  });

  describe('When the demand already exists', () => {
    it.each(DEMAND_STATUSES.map((status) => ({ status })))('refuses DraftDemand when $status', ({ status }) =>
      given(historyIn(status))
        .when(commands.find((c) => c.type === 'DraftDemand')!)
        .thenThrows(DemandAlreadyExistsError),
    );

    it.each(DEMAND_STATUSES.filter((s) => s !== 'DRAFT').map((status) => ({ status })))(
      'refuses RaiseDemand when $status',
      ({ status }) =>
        given(historyIn(status))
          .when(commands.find((c) => c.type === 'RaiseDemand')!)
          .thenThrows(DemandAlreadyExistsError),
    );
  });

  describe('When the status does not allow the command', () => {
    it.each(cases(false))('refuses $command.type when $status', ({ command, status }) =>
      given(historyIn(status))
        .when(command)
        .thenThrows(DemandTransitionNotAllowedError, (error) => {
          expect(error.message).toContain(
            `tant que la revendication est au statut ${status} ; possible depuis : `,
          );
          expect(error.details).toMatchObject({
            command: command.type,
            status,
            allowedFrom: expectedAllowedFrom[command.type],
          });
        }),
    );
  });

  describe('When the status allows the command', () => {
    it.each(cases(true))(
      'does not refuse $command.type for its status when $status',
      ({ command, status }) => {
        const state = historyIn(status).reduce(demandDecider.evolve, demandDecider.initialState());
        let error: unknown;
        try {
          demandDecider.decide(command, state);
        } catch (e) {
          error = e;
        }
        expect(error).not.toBeInstanceOf(DemandTransitionNotAllowedError);
      },
    );
  });

  it('says which command, in which status, and where it is allowed from', () =>
    given(historyIn('RAISED'))
      .when(commands.find((c) => c.type === 'RecordManagementResponse')!)
      .thenThrows(DemandTransitionNotAllowedError, (error) => {
        expect(error.message).toBe(
          'Impossible d’enregistrer une réponse de la direction tant que la revendication est au statut RAISED ; possible depuis : SUBMITTED, ACKNOWLEDGED, RESPONSE_RECEIVED, COMMITTED, IN_PROGRESS',
        );
        expect(error.code).toBe('DEMAND.ILLEGAL_TRANSITION');
        expect(error.kind).toBe('conflict');
      }));
});
