import { type DecisionExecutor } from '../infrastructure/commands/decision-executor.js';
import { startOf } from '../meetings/domain/meeting-dates.js';
import { type MeetingCommand } from '../meetings/domain/meeting.commands.js';
import { meetingDecider } from '../meetings/domain/meeting.decide.js';
import { meetingStreamId } from '../meetings/domain/meeting.js';
import { SOURCE_REF } from './spip62-report.js';

/**
 * The CSA meetings of the demo (shared/docs/demo-data.jsonc, instance_meetings), as meeting commands:
 * - the CSA SPIP local of 13 October 2023, where the relocation project of the Béthune antenna was presented
 *   (linked to dem-B4 and dem-B5). The report says nothing of a vote, the attendance or the minutes: none is
 *   recorded (the minutes then show as awaited);
 * - the NEXT CSA SPIP local, on an ILLUSTRATIVE date (28 March 2024, after the report of 23 February 2024 and the
 *   30-day answer window ending 24 March): the meeting whose "dossier de suivi" the demo shows. Only its
 *   scheduling is recorded, with `illustrative: 'true'` in the event metadata.
 */
export const DEMO_INSTANCE = {
  instanceId: 'csa-spip62',
  instanceName: 'CSA SPIP local (SPIP 62)',
  instanceType: 'csa_spip_local',
} as const;

export const DEMO_MEETING_2023_10_13 = 'mtg-csa-spip62-2023-10-13';
export const DEMO_MEETING_NEXT = 'mtg-csa-spip62-next';
export const DEMO_NEXT_MEETING_DATE = '2024-03-28';

export type DemoMeetingCommand = { command: MeetingCommand; illustrative: boolean };

export const meetingsDemo: readonly DemoMeetingCommand[] = [
  {
    illustrative: false,
    command: {
      type: 'ScheduleMeeting',
      meetingId: DEMO_MEETING_2023_10_13,
      occurredAt: startOf('2023-10-13'),
      ...DEMO_INSTANCE,
      scheduledFor: '2023-10-13',
      kind: 'ordinary',
      sourceRef: SOURCE_REF,
    },
  },
  {
    illustrative: false,
    command: {
      type: 'AddAgendaItem',
      meetingId: DEMO_MEETING_2023_10_13,
      occurredAt: startOf('2023-10-13'),
      itemId: 'item-demenagement-bethune',
      title:
        'Présentation du projet de déménagement de l’ALIP MO de Béthune (locaux non loin de la MA de Béthune)',
      // Information or consultation: the report does not say.
      nature: 'unknown',
      demandIds: ['dem-B4', 'dem-B5'],
    },
  },
  {
    illustrative: false,
    // "Présenté le 13 octobre 2023 en CSA SPIP local": held. Quorum and attendance are not in the report.
    command: {
      type: 'RecordMeetingHeld',
      meetingId: DEMO_MEETING_2023_10_13,
      occurredAt: startOf('2023-10-13'),
      heldOn: '2023-10-13',
      attendeeRoles: [],
    },
  },
  {
    illustrative: true,
    command: {
      type: 'ScheduleMeeting',
      meetingId: DEMO_MEETING_NEXT,
      occurredAt: startOf('2024-02-23'),
      ...DEMO_INSTANCE,
      scheduledFor: DEMO_NEXT_MEETING_DATE,
      kind: 'ordinary',
      sourceRef: 'illustratif : date choisie pour la démonstration, absente du rapport',
    },
  },
];

const keyOf = (command: MeetingCommand): string => {
  const item = (command as { itemId?: string }).itemId;
  return `demo-${command.type}-${command.meetingId}${item ? `-${item}` : ''}`;
};

/**
 * Records the demo meetings through the same decider and store as any command. Idempotent (stable event ids per
 * command): loading twice records nothing new. Returns the events recorded and the last position, for the loader
 * to wait on its projections.
 */
export async function loadMeetingsDemo(
  executor: DecisionExecutor,
  context: { actorId: string; organisationId: string },
): Promise<{ recorded: number; position: string }> {
  let recorded = 0;
  let position = '';
  for (const { command, illustrative } of meetingsDemo) {
    const decision = await executor.execute(
      meetingStreamId(command.meetingId),
      meetingDecider,
      command,
      {
        actorId: context.actorId,
        organisationId: context.organisationId,
        correlationId: keyOf(command),
        idempotencyKey: keyOf(command),
        idempotencyScope: 'demo',
      },
      {
        commandType: command.type,
        waitForProjections: false,
        metadata: illustrative ? { illustrative: 'true' } : {},
      },
    );
    recorded += decision.events;
    if (decision.position) position = decision.position;
  }
  return { recorded, position };
}
