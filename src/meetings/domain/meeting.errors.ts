import { DomainError } from '../../shared/domain-error.js';

export class MeetingNotFoundError extends DomainError {
  readonly code = 'MEETING.NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(meetingId: string) {
    super(`Meeting ${meetingId} does not exist`, { meetingId });
  }
}

export class MeetingAlreadyExistsError extends DomainError {
  readonly code = 'MEETING.ALREADY_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(meetingId: string, status: string) {
    super(`Meeting ${meetingId} already exists (status ${status})`, { meetingId, status });
  }
}

/** The item named (agenda item or question diverse) is not on this meeting. */
export class MeetingItemNotFoundError extends DomainError {
  readonly code = 'MEETING.ITEM_NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(meetingId: string, itemId: string) {
    super(`Meeting ${meetingId} has no item ${itemId}`, { meetingId, itemId });
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
        ? `the minutes are ${status}`
        : subject.name === 'item'
          ? `item ${subject.itemId} is ${status}`
          : `the meeting is ${status}`;
    super(`Cannot ${action} while ${what}; allowed from: ${allowedFrom.join(', ')}`, {
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
