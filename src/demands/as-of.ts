import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { type RecordedEvent } from '../infrastructure/event-store/event-store.js';
import { Optional } from '../infrastructure/http/optional.js';

/** `?asOf=<date>&known=recorded`: the state at a past date, computed from the events. */
export class AsOfRequest {
  @ApiPropertyOptional({
    description: 'Show the state as of this date or instant (a date alone means the end of that day, UTC)',
    example: '2024-03-01',
  })
  @Optional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({
    enum: ['occurred', 'recorded'],
    description: 'occurred (default): what had happened by then; recorded: what the union knew by then',
  })
  @Optional()
  @IsIn(['occurred', 'recorded'])
  known?: 'occurred' | 'recorded';
}

export type AsOf = { at: Date; known: 'occurred' | 'recorded' };

export const asOfFrom = (request: AsOfRequest): AsOf | undefined => {
  if (!request.asOf) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(request.asOf);
  const at = new Date(dateOnly ? `${request.asOf}T23:59:59.999Z` : request.asOf);
  return { at, known: request.known ?? 'occurred' };
};

/** Whether an event belongs to the state as of a date: by when it happened, or by when it was recorded. */
export const isKnownAt = (event: RecordedEvent, asOf: AsOf): boolean => {
  if (asOf.known === 'recorded') return event.recordedAt.getTime() <= asOf.at.getTime();
  const occurred = event.metadata.occurredAt ?? (event.data.occurredAt as string | undefined);
  const instant = occurred
    ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(occurred) ? `${occurred}T00:00:00Z` : occurred)
    : NaN;
  return (Number.isNaN(instant) ? event.recordedAt.getTime() : instant) <= asOf.at.getTime();
};
