import { DomainError } from '../../shared/domain-error.js';
import type { Decider } from '../../shared/decider.js';
import type {
  DossierComposed,
  DossierComposition,
  DossierEvent,
  DossierIssued,
  DossierSettings,
} from './dossier.events.js';

/** Composing and issuing a meeting's dossier. Pure: the issue's figures (digest, instants) arrive in the command. */
export type ComposeDossier = {
  type: 'ComposeDossier';
  meetingId: string;
  occurredAt: string;
} & DossierComposition &
  DossierSettings;

export type IssueDossier = {
  type: 'IssueDossier';
  meetingId: string;
  occurredAt: string;
  recordedUpTo: string;
  generatedAt: string;
  digest: string;
  checkedEvents: number;
  seal: DossierIssued['data']['seal'];
};

export type DossierCommand = ComposeDossier | IssueDossier;

export type DossierState = {
  composition: (DossierComposition & DossierSettings & { composedAt: string }) | null;
  issues: DossierIssued['data'][];
};

export class DossierInvalidError extends DomainError {
  readonly code = 'DOSSIER.INVALID';
  readonly kind = 'invalid' as const;
  constructor(meetingId: string, field: string, message: string) {
    super(message, { meetingId, field });
  }
}

export class DossierNotComposedError extends DomainError {
  readonly code = 'DOSSIER.NOT_COMPOSED';
  readonly kind = 'conflict' as const;
  constructor(meetingId: string) {
    super('Le dossier n’est pas encore composé : choisissez d’abord ses revendications et ses questions', {
      meetingId,
    });
  }
}

export class DossierIssueNotFoundError extends DomainError {
  readonly code = 'DOSSIER.ISSUE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(meetingId: string, issue: number) {
    super(`Aucun dossier n° ${issue} n’a été émis pour cette séance`, { meetingId, issue });
  }
}

const initialState = (): DossierState => ({ composition: null, issues: [] });

const evolve = (state: DossierState, event: DossierEvent): DossierState => {
  switch (event.type) {
    case 'DossierComposed': {
      const { meetingId: _m, occurredAt, ...composition } = event.data;
      return { ...state, composition: { ...composition, composedAt: occurredAt } };
    }
    case 'DossierIssued':
      return { ...state, issues: [...state.issues, event.data] };
    default:
      return state;
  }
};

const unique = (ids: readonly string[]): boolean => new Set(ids).size === ids.length;

const compose = (command: ComposeDossier): DossierComposed[] => {
  if (!unique(command.demandIds))
    throw new DossierInvalidError(
      command.meetingId,
      'demandIds',
      'demandIds cite deux fois la même revendication',
    );
  if (!unique(command.questionDemandIds))
    throw new DossierInvalidError(
      command.meetingId,
      'questionDemandIds',
      'questionDemandIds cite deux fois la même revendication',
    );
  const outside = command.questionDemandIds.find((id) => !command.demandIds.includes(id));
  if (outside !== undefined)
    throw new DossierInvalidError(
      command.meetingId,
      'questionDemandIds',
      'Une question diverse porte sur une revendication retenue dans le dossier (demandIds)',
    );
  const { type: _t, ...data } = command;
  return [{ type: 'DossierComposed', data }];
};

const issue = (command: IssueDossier, state: DossierState): DossierIssued[] => {
  const composition = state.composition;
  if (!composition) throw new DossierNotComposedError(command.meetingId);
  const { composedAt: _c, arreteAu, known, redaction, ...picked } = composition;
  const { type: _t, ...figures } = command;
  return [
    {
      type: 'DossierIssued',
      data: { ...figures, issue: state.issues.length + 1, composition: picked, arreteAu, known, redaction },
    },
  ];
};

export const dossierDecider: Decider<DossierState, DossierCommand, DossierEvent> = {
  initialState,
  evolve,
  decide: (command, state) => (command.type === 'ComposeDossier' ? compose(command) : issue(command, state)),
};
