/** Who acts and how, taken from the request (never from the body), carried into event metadata. */
export type CommandContext = Readonly<{
  actorId: string;
  /** The actor's organisation (union): streams of another organisation do not exist for it. */
  organisationId?: string;
  /** Units (SPIPs, antennas) the actor may write to; 'all' for admins. Undefined: no section check (system). */
  writableUnitIds?: string[] | 'all';
  correlationId: string;
  /** From `Idempotency-Key`: event ids are derived from it, so a retry records nothing new. */
  idempotencyKey?: string;
  /** Actor, method and route of the request: the same key on another route or for another actor is another request. */
  idempotencyScope?: string;
  /** From `If-Match`: the revision the client saw; a stale one is refused (412) and records nothing. */
  expectedRevision?: bigint;
}>;

/** What every accepted command answers. */
export type CommandResult = Readonly<{ id: string; revision: number; position: string }>;
