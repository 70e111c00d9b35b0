import { withinUnits } from '../../infrastructure/commands/access.js';
import { type CommandContext } from '../../infrastructure/commands/command-context.js';
import { type SqlExecutor } from '../../infrastructure/database/database.js';
import { DomainError } from '../../shared/domain-error.js';

/** The meeting's unit is not within the actor's sections: it may read the dossier, not compose or issue it. */
export class DossierOutsideSectionError extends DomainError {
  readonly code = 'ACCESS.OUTSIDE_SECTION';
  readonly kind = 'forbidden' as const;
  constructor(meetingId: string, unitId: string | null) {
    super(
      unitId === null
        ? 'Cette instance n’est rattachée à aucune unité de vos sections : vous pouvez consulter son dossier mais pas le composer ni l’émettre'
        : `L’unité ${unitId} de cette instance est hors de vos sections : vous pouvez consulter son dossier mais pas le composer ni l’émettre`,
      { meetingId, unitId },
    );
  }
}

/**
 * Composing or issuing a meeting's dossier writes for the instance's unit (a CSA SPIP local: its SPIP), so the
 * same rule as direct writes applies: the unit, or one of its parents, must be among the actor's sections. An
 * instance matched to no unit covers the whole organisation: only an actor with every section ('all') may.
 */
export const assertMayComposeFor = async (
  db: SqlExecutor,
  context: CommandContext,
  meetingId: string,
  unitId: string | null,
): Promise<void> => {
  const allowed = context.writableUnitIds;
  if (allowed === undefined || allowed === 'all') return;
  if (unitId === null || !(await withinUnits(db, unitId, allowed)))
    throw new DossierOutsideSectionError(meetingId, unitId);
};
