import { impossibleTo } from '../../shared/french-errors.js';
import { DomainError } from '../../shared/domain-error.js';

export class MeetingNotFoundError extends DomainError {
  readonly code = 'MEETING.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(meetingId: string) {
    super(`La séance ${meetingId} n’existe pas`, { meetingId });
  }
}

export class MeetingAlreadyExistsError extends DomainError {
  readonly code = 'MEETING.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(meetingId: string, status: string) {
    super(`La séance ${meetingId} existe déjà (statut ${status})`, { meetingId, status });
  }
}

/** The item named (agenda item or question diverse) is not on this meeting. */
export class MeetingItemNotFoundError extends DomainError {
  readonly code = 'MEETING.ITEM_NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(meetingId: string, itemId: string) {
    super(`La séance ${meetingId} n’a pas de point ${itemId}`, { meetingId, itemId });
  }
}

/**
 * The command is not allowed in the current status of the meeting, of its minutes or of one of its agenda items.
 * The message lists the statuses it is allowed from.
 */
export class MeetingTransitionNotAllowedError extends DomainError {
  readonly code = 'MEETING.ILLEGAL_TRANSITION';
  readonly kind = 'conflict' as const;

  constructor(
    meetingId: string,
    command: string,
    action: string,
    subject: { name: 'meeting' | 'minutes' | 'item'; itemId?: string },
    status: string,
    allowedFrom: readonly string[],
  ) {
    const what =
      subject.name === 'minutes'
        ? `le procès-verbal est au statut ${status}`
        : subject.name === 'item'
          ? `le point ${subject.itemId} est au statut ${status}`
          : `la séance est au statut ${status}`;
    super(`${impossibleTo(action)} tant que ${what} ; possible depuis : ${allowedFrom.join(', ')}`, {
      meetingId,
      command,
      subject: subject.name,
      ...(subject.itemId === undefined ? {} : { itemId: subject.itemId }),
      status,
      allowedFrom: [...allowedFrom],
    });
  }
}

/**
 * The status allows the command, but another business rule does not (no quorum, no avis to follow up, not an
 * agenda item, already voted…). `details.rule` names the rule.
 */
export class MeetingPreconditionFailedError extends DomainError {
  readonly code = 'MEETING.PRECONDITION_FAILED';
  readonly kind = 'conflict' as const;

  constructor(meetingId: string, rule: string, message: string) {
    super(message, { meetingId, rule });
  }
}

/** The command's own data is wrong (bad date, counts that do not add up…). `details.rule` names the rule. */
export class MeetingInvalidError extends DomainError {
  readonly code = 'MEETING.INVALID';
  readonly kind = 'invalid' as const;

  constructor(meetingId: string, rule: string, message: string) {
    super(message, { meetingId, rule });
  }
}
