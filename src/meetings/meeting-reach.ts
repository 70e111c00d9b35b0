import { instanceUnit, type UnitInfo } from '../dossiers/domain/perimeter.js';
import { type Reach, type Reached } from '../infrastructure/commands/access.js';
import { type InstanceLevel, type MeetingEvent } from './domain/meeting.events.js';
import { type MeetingState } from './domain/meeting.js';

/** The instance a meeting command is about: the meeting's, or the one it schedules. */
export const instanceOf = (
  state: MeetingState,
  events: readonly MeetingEvent[],
): { instanceId: string; level: InstanceLevel } | undefined => {
  if (state.status !== 'INITIAL') return { instanceId: state.instanceId, level: state.level };
  for (const event of events)
    if (event.type === 'MeetingScheduled')
      return { instanceId: event.data.instanceId, level: event.data.level };
  return undefined;
};

/** The demands the new events put on the agenda, link to an item or cite in a statement. */
export const demandsNamedBy = (events: readonly MeetingEvent[]): string[] => {
  const ids = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'AgendaItemAdded':
      case 'AgendaItemRequested':
      case 'QuestionDiverseSubmitted':
      case 'ManagementStatementRecorded':
        event.data.demandIds.forEach((id) => ids.add(id));
        break;
      case 'DemandLinkedToItem':
        ids.add(event.data.demandId);
        break;
      default:
        break;
    }
  }
  return [...ids];
};

/**
 * What a meeting command reaches, for the section check (issue 10, defect 11): the unit its instance sits at (the
 * same unit its dossier's perimeter starts from: a CSA SPIP local at its SPIP), or the whole organisation when no
 * unit matches; and every demand the new events name, by its antenna. An officer of one antenna thus can neither
 * schedule nor record anything for a SPIP-wide CSA, nor put another antenna's demand on an agenda.
 */
export const meetingReach: Reach<MeetingState, MeetingEvent> = async (state, events, db, context) => {
  const reached: Reached[] = [];
  const instance = instanceOf(state, events);
  if (instance) {
    const { rows } = await db.query<{
      unit_id: string;
      kind: string;
      name: string;
      parent_id: string | null;
    }>(
      `SELECT unit_id, kind, name, parent_id FROM rm.units WHERE ($1::text IS NULL OR organisation_id = $1)`,
      [context.organisationId ?? null],
    );
    const units = new Map<string, UnitInfo>(
      rows.map((u) => [u.unit_id, { id: u.unit_id, kind: u.kind, name: u.name, parentId: u.parent_id }]),
    );
    const unit = instanceUnit(instance, units);
    reached.push(
      unit
        ? { kind: 'unit', unitId: unit.id }
        : { kind: 'organisation', label: `L’instance « ${instance.instanceId} »` },
    );
  }
  const demandIds = demandsNamedBy(events);
  if (demandIds.length > 0) {
    const { rows } = await db.query<{ demand_id: string; antenna_id: string }>(
      `SELECT demand_id, antenna_id FROM rm.demand_status
        WHERE demand_id = ANY($1::text[]) AND ($2::text IS NULL OR organisation_id = $2)`,
      [demandIds, context.organisationId ?? null],
    );
    const antennaOf = new Map(rows.map((r) => [r.demand_id, r.antenna_id]));
    for (const demandId of demandIds)
      reached.push({ kind: 'demand', demandId, antennaId: antennaOf.get(demandId) ?? null });
  }
  return reached;
};
