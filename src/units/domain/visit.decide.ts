import type { Decider } from '../../shared/decider.js';
import type { ConductVisit, PlanVisit, VisitCommand } from './units.commands.js';
import type { VisitConducted, VisitEvent, VisitPlanned } from './units.events.js';
import { evolve, initialState, type VisitState } from './visit.js';
import { VisitAlreadyConductedError, VisitAlreadyExistsError, VisitInvalidError } from './units.errors.js';

const invalid = (command: VisitCommand, rule: string, message: string): VisitInvalidError =>
  new VisitInvalidError(command.visitId, rule, message);

const requireText = (command: VisitCommand, value: string | undefined, field: string): void => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(command, 'REQUIRED', `${field} est obligatoire`);
};

const requireInstant = (command: VisitCommand, value: string, field: string): void => {
  if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) {
    throw invalid(command, 'INVALID_DATE', `${field} doit être une date ISO 8601 (reçu : « ${value} »)`);
  }
};

/** A visit is planned once, before anything else happens on its stream; the date may be unknown. */
export const planVisit = (command: PlanVisit, state: VisitState): VisitPlanned[] => {
  if (state.status !== 'INITIAL') throw new VisitAlreadyExistsError(command.visitId);
  requireInstant(command, command.occurredAt, 'occurredAt');
  requireText(command, command.visitId, 'visitId');
  if (!Array.isArray(command.antennaIds) || command.antennaIds.length === 0) {
    throw invalid(command, 'REQUIRED', 'Une visite porte sur au moins une antenne');
  }
  command.antennaIds.forEach((id) => requireText(command, id, 'antennaIds[]'));
  if (command.plannedFor !== undefined) requireInstant(command, command.plannedFor, 'plannedFor');
  return [
    {
      type: 'VisitPlanned',
      data: {
        visitId: command.visitId,
        occurredAt: command.occurredAt,
        antennaIds: [...new Set(command.antennaIds)],
        ...(command.plannedFor === undefined ? {} : { plannedFor: command.plannedFor }),
      },
    },
  ];
};

/**
 * Records that one antenna was visited. Works without a plan, and for an antenna the plan did not list.
 * The same antenna on the same day again records nothing; on another day it is refused (plan a new visit).
 */
export const conductVisit = (command: ConductVisit, state: VisitState): VisitConducted[] => {
  requireInstant(command, command.occurredAt, 'occurredAt');
  requireText(command, command.visitId, 'visitId');
  requireText(command, command.antennaId, 'antennaId');
  requireInstant(command, command.conductedOn, 'conductedOn');
  const previous =
    state.status === 'INITIAL' ? undefined : state.conducted.find((c) => c.antennaId === command.antennaId);
  if (previous !== undefined) {
    if (new Date(previous.conductedOn).getTime() === new Date(command.conductedOn).getTime()) return [];
    throw new VisitAlreadyConductedError(command.visitId, command.antennaId, previous.conductedOn);
  }
  return [
    {
      type: 'VisitConducted',
      data: {
        visitId: command.visitId,
        occurredAt: command.occurredAt,
        antennaId: command.antennaId,
        conductedOn: command.conductedOn,
        ...(command.sourceRef === undefined ? {} : { sourceRef: command.sourceRef }),
      },
    },
  ];
};

export const decide = (command: VisitCommand, state: VisitState): VisitEvent[] => {
  switch (command.type) {
    case 'PlanVisit':
      return planVisit(command, state);
    case 'ConductVisit':
      return conductVisit(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown visit command: ${JSON.stringify(unknown)}`);
    }
  }
};

export const visitDecider: Decider<VisitState, VisitCommand, VisitEvent> = { initialState, evolve, decide };
