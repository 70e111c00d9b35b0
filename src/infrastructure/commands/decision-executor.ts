import { Inject, Injectable } from '@nestjs/common';
import { type Decider, fold } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { type Event } from '../../shared/event.js';
import { DATABASE, type Database } from '../database/database.js';
import {
  type AppendOptions,
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../event-store/event-store.js';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { Clock } from '../time/clock.js';
import { assertMayWrite, NotInOrganisationError, organisationOf, type Reach } from './access.js';
import { type CommandContext } from './command-context.js';
import { eventIdsFor } from './event-ids.js';

/** The client's `If-Match` revision is not the stream's current one: nothing was recorded. */
export class StaleRevisionError extends DomainError {
  readonly code = 'STREAM.STALE_REVISION';
  readonly kind = 'precondition_failed' as const;
  constructor(streamId: string, expected: bigint, actual: bigint) {
    super(
      `La ressource a changé depuis la révision ${expected} (maintenant ${actual}) : rechargez-la et réessayez`,
      {
        expectedRevision: Number(expected),
        currentRevision: Number(actual),
        streamId,
      },
    );
  }
}

export type Decision = { revision: bigint; position: string; events: number };

const MAX_ATTEMPTS = 5;

/**
 * Runs a command against one stream: read, fold, decide, append with the revision it read. A concurrent writer
 * makes the append fail; without `If-Match` the command is decided again on the new state (no lost update),
 * with `If-Match` the client is told its view is stale. The caller then reads its own writes: the read models
 * written inline are written in the append's transaction (ADR 0021); for the others this waits until their runners
 * have processed the appended position.
 */
@Injectable()
export class DecisionExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Database,
    private readonly projections: ProjectionsService,
    private readonly clock: Clock,
  ) {}

  async execute<S, C, E extends Event>(
    streamId: string,
    decider: Decider<S, C, E>,
    command: C,
    context: CommandContext,
    options: {
      commandType?: string;
      waitForProjections?: boolean;
      metadata?: Record<string, string>;
      /** What the decision reaches besides the antennas its events name, checked against the actor's sections. */
      reach?: Reach<S, E>;
    } = {},
  ): Promise<Decision> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const current = recorded.length > 0 ? (recorded[recorded.length - 1]?.revision ?? -1n) : -1n;
      const ids = context.idempotencyKey
        ? eventIdsFor(1, idScope(streamId, context), context.idempotencyKey)
        : [];
      const earlier = ids[0] ? recorded.find((event) => event.eventId === ids[0]) : undefined;
      const owner = organisationOf(recorded);
      if (owner !== undefined && context.organisationId !== undefined && owner !== context.organisationId) {
        throw new NotInOrganisationError();
      }
      if (earlier) return this.replayOf(recorded, earlier, context);
      if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
        throw new StaleRevisionError(streamId, context.expectedRevision, current);
      }
      const state = fold(decider.evolve, decider.initialState(), recorded.map(toDomainEvent) as E[]);
      const events = decider.decide(command, state);
      if (events.length === 0) return { revision: current, position: '', events: 0 };
      await assertMayWrite(this.db, context, state, events, options.reach);
      const eventIds = eventIdsFor(events.length, idScope(streamId, context), context.idempotencyKey);
      const recordedAt = this.clock.now().toISOString();
      const types = events.map((event) => event.type);
      // The read models of these events that are written inline go into the append's own transaction (ADR 0021).
      const inline = this.projections.inlineFor(types);
      const appendOptions: AppendOptions = inline.length
        ? {
            inTransaction: async (tx, appended) => {
              const stream = [...recorded, ...appended];
              for (const projection of inline) await projection.applyInline?.(stream, appended, tx);
            },
          }
        : {};
      try {
        const result = await this.store.appendToStream(
          streamId,
          current === -1n ? 'no_stream' : current,
          events.map((event, index) => ({
            eventId: eventIds[index] ?? '',
            type: event.type,
            schemaVersion: decider.schemaVersionOf?.(event.type) ?? 1,
            data: event.data as Record<string, unknown>,
            metadata: {
              actorId: context.actorId,
              correlationId: context.correlationId,
              causationId: context.correlationId,
              occurredAt: occurredAtOf(command, recordedAt),
              ...(options.commandType ? { command: options.commandType } : {}),
              // A stream keeps the organisation of its first event, whoever appends (the scheduled check too).
              ...((owner ?? context.organisationId)
                ? { organisationId: owner ?? context.organisationId }
                : {}),
              ...options.metadata,
            },
          })),
          appendOptions,
        );
        if (options.waitForProjections !== false) {
          await this.projections.waitFor(result.position, undefined, types, result.inTransaction === true);
        }
        return { revision: result.nextRevision, position: result.position, events: events.length };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined) {
          throw new StaleRevisionError(
            streamId,
            context.expectedRevision,
            error.actual === 'no_stream' ? -1n : error.actual,
          );
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** An idempotent retry whose events are already recorded: answer as the first call did. */
  private async replayOf(
    recorded: RecordedEvent[],
    first: RecordedEvent,
    context: CommandContext,
  ): Promise<Decision> {
    const start = recorded.indexOf(first);
    const ids = eventIdsFor(
      recorded.length - start,
      idScope(first.streamId, context),
      context.idempotencyKey,
    );
    let last = first;
    for (let i = start; i < recorded.length && recorded[i]?.eventId === ids[i - start]; i++)
      last = recorded[i] ?? last;
    await this.projections.waitFor(last.position);
    return { revision: last.revision, position: last.position, events: 0 };
  }
}

const idScope = (streamId: string, context: CommandContext): string =>
  `${streamId}|${context.idempotencyScope ?? context.actorId}`;

const toDomainEvent = (event: RecordedEvent): Event => ({ type: event.type, data: event.data });

const occurredAtOf = (command: unknown, fallback: string): string => {
  const value = (command as { occurredAt?: unknown }).occurredAt;
  return typeof value === 'string' ? value : fallback;
};
