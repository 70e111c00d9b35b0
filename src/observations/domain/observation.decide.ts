import type { Decider } from '../../shared/decider.js';
import type {
  CorrectObservation,
  ObservationCommand,
  RecordObservation,
  WithdrawObservation,
} from './observation.commands.js';
import {
  OBSERVATION_CATEGORIES,
  SENTIMENTS,
  type Fact,
  type ObservationCorrected,
  type ObservationCorrection,
  type ObservationEvent,
  type ObservationRecorded,
  type ObservationWithdrawn,
} from './observation.events.js';
import { evolve, initialState, type Observation, type ObservationState } from './observation.js';
import {
  ObservationAlreadyExistsError,
  ObservationInvalidError,
  ObservationNotFoundError,
  ObservationWithdrawnError,
} from './observation.errors.js';

const invalid = (command: ObservationCommand, rule: string, message: string): ObservationInvalidError =>
  new ObservationInvalidError(command.observationId, rule, message);

const requireText = (command: ObservationCommand, value: string | undefined, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(command, 'REQUIRED', `${field} est obligatoire`);
};

const requireInstant = (command: ObservationCommand, value: string, field: string): void => {
  if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) {
    throw invalid(command, 'INVALID_DATE', `${field} doit être une date ISO 8601 (reçu : « ${value} »)`);
  }
};

const requireOneOf = <T extends string>(
  command: ObservationCommand,
  value: T,
  allowed: readonly T[],
  field: string,
): void => {
  if (!allowed.includes(value)) {
    throw invalid(
      command,
      'UNKNOWN_VALUE',
      `${field} doit valoir ${allowed.join(', ')} (reçu : « ${value} »)`,
    );
  }
};

const isScalar = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

const validFacts = (command: ObservationCommand, facts: readonly Fact[]): Fact[] => {
  const keys = new Set<string>();
  return facts.map((fact) => {
    requireText(command, fact?.key, 'fact key');
    if (keys.has(fact.key))
      throw invalid(command, 'DUPLICATE_FACT', `Le fait « ${fact.key} » est donné deux fois`);
    keys.add(fact.key);
    const value = fact.value;
    const ok = Array.isArray(value) ? value.length > 0 && value.every(isScalar) : isScalar(value);
    if (!ok)
      throw invalid(
        command,
        'INVALID_FACT',
        `Le fait « ${fact.key} » attend un texte, un nombre ou une liste de ceux-ci`,
      );
    return { key: fact.key, value: Array.isArray(value) ? [...value] : value };
  });
};

const sameFacts = (a: readonly Fact[], b: readonly Fact[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

const existing = (command: ObservationCommand, state: ObservationState, action: string): Observation => {
  requireInstant(command, command.occurredAt, 'occurredAt');
  if (state.status === 'INITIAL') throw new ObservationNotFoundError(command.observationId);
  if (state.status === 'WITHDRAWN') throw new ObservationWithdrawnError(command.observationId, action);
  return state;
};

export const recordObservation = (
  command: RecordObservation,
  state: ObservationState,
): ObservationRecorded[] => {
  if (state.status !== 'INITIAL') throw new ObservationAlreadyExistsError(command.observationId);
  requireInstant(command, command.occurredAt, 'occurredAt');
  requireText(command, command.observationId, 'observationId');
  requireText(command, command.antennaId, 'antennaId');
  requireOneOf(command, command.category, OBSERVATION_CATEGORIES, 'category');
  requireText(command, command.topic, 'topic');
  requireText(command, command.text, 'text');
  requireOneOf(command, command.sentiment, SENTIMENTS, 'sentiment');
  if (typeof command.leadsToDemand !== 'boolean') {
    throw invalid(command, 'REQUIRED', 'leadsToDemand doit valoir true ou false');
  }
  requireInstant(command, command.observedOn, 'observedOn');
  if (command.visitId !== undefined) requireText(command, command.visitId, 'visitId');
  const facts = validFacts(command, command.facts ?? []);
  return [
    {
      type: 'ObservationRecorded',
      data: {
        observationId: command.observationId,
        occurredAt: command.occurredAt,
        antennaId: command.antennaId,
        ...(command.visitId === undefined ? {} : { visitId: command.visitId }),
        category: command.category,
        topic: command.topic,
        text: command.text,
        facts,
        sentiment: command.sentiment,
        legalRefs: [...(command.legalRefs ?? [])],
        leadsToDemand: command.leadsToDemand,
        observedOn: command.observedOn,
        ...(command.illustrative === undefined ? {} : { illustrative: command.illustrative }),
      },
    },
  ];
};

/** Records only the fields that change; a correction that changes nothing is refused. */
export const correctObservation = (
  command: CorrectObservation,
  state: ObservationState,
): ObservationCorrected[] => {
  const observation = existing(command, state, 'corriger l’observation');
  requireText(command, command.reason, 'reason');
  const changes: ObservationCorrection = {};
  const previous: ObservationCorrection = {};
  if (command.text !== undefined) {
    requireText(command, command.text, 'text');
    if (command.text !== observation.text) {
      changes.text = command.text;
      previous.text = observation.text;
    }
  }
  if (command.facts !== undefined) {
    const facts = validFacts(command, command.facts);
    if (!sameFacts(facts, observation.facts)) {
      changes.facts = facts;
      previous.facts = observation.facts;
    }
  }
  if (command.category !== undefined) {
    requireOneOf(command, command.category, OBSERVATION_CATEGORIES, 'category');
    if (command.category !== observation.category) {
      changes.category = command.category;
      previous.category = observation.category;
    }
  }
  if (Object.keys(changes).length === 0) {
    throw invalid(
      command,
      'NOTHING_TO_CHANGE',
      'Une correction doit changer le texte, les faits ou la catégorie',
    );
  }
  return [
    {
      type: 'ObservationCorrected',
      data: {
        observationId: command.observationId,
        occurredAt: command.occurredAt,
        ...changes,
        reason: command.reason,
        previous,
      },
    },
  ];
};

export const withdrawObservation = (
  command: WithdrawObservation,
  state: ObservationState,
): ObservationWithdrawn[] => {
  existing(command, state, 'retirer l’observation');
  requireText(command, command.reason, 'reason');
  return [
    {
      type: 'ObservationWithdrawn',
      data: { observationId: command.observationId, occurredAt: command.occurredAt, reason: command.reason },
    },
  ];
};

export const decide = (command: ObservationCommand, state: ObservationState): ObservationEvent[] => {
  switch (command.type) {
    case 'RecordObservation':
      return recordObservation(command, state);
    case 'CorrectObservation':
      return correctObservation(command, state);
    case 'WithdrawObservation':
      return withdrawObservation(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown observation command: ${JSON.stringify(unknown)}`);
    }
  }
};

export const observationDecider: Decider<ObservationState, ObservationCommand, ObservationEvent> = {
  initialState,
  evolve,
  decide,
};
