import { jest } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import type { DemandCommand } from '../../demands/domain/demand.commands.js';
import { demandDecider } from '../../demands/domain/demand.decide.js';
import type { DemandState } from '../../demands/domain/demand.js';
import { meetingDecider } from '../../meetings/domain/meeting.decide.js';
import { DEFAULT_MEETING_RULES } from '../../meetings/domain/meeting-rules.js';
import type { MeetingState } from '../../meetings/domain/meeting.js';
import { DEFAULT_REFERENCE_RATIOS } from '../../units/domain/staffing-ratios.js';
import { buildDossier } from '../domain/build-dossier.js';
import type { DemandInput, DossierModel } from '../domain/dossier.model.js';
import { perimeterOf, type UnitInfo } from '../domain/perimeter.js';
import { renderDossierDocx } from './dossier.docx.js';

const units = new Map<string, UnitInfo>(
  [
    { id: 'spip-62', kind: 'SPIP', name: 'SPIP du Pas-de-Calais (62)', parentId: null },
    { id: 'ant-bethune', kind: 'ANTENNA', name: 'ALIP MO de Béthune', parentId: 'spip-62' },
  ].map((u) => [u.id, u]),
);

const demand = (): DemandInput => {
  const commands: DemandCommand[] = [
    {
      type: 'RaiseDemand',
      demandId: 'd1',
      occurredAt: '2024-02-23',
      antennaId: 'ant-bethune',
      title: 'Recruter au moins 1 ASE',
      category: 'hr',
      explicit: true,
      priority: 'high',
      addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
      level: 'local',
    },
  ];
  let state: DemandState = demandDecider.initialState();
  const history: DemandInput['history'] = [];
  for (const command of commands)
    for (const event of demandDecider.decide(command, state)) {
      state = demandDecider.evolve(state, event);
      history.push({
        revision: history.length,
        type: event.type,
        occurredAt: event.data.occurredAt,
        recordedAt: '2024-03-26T12:00:00.000Z',
        actorId: 'demo',
        data: event.data,
      });
    }
  if (state.status === 'INITIAL') throw new Error('no demand');
  return { state, history };
};

const model = (): DossierModel => {
  let meeting: MeetingState = meetingDecider.initialState();
  for (const event of meetingDecider.decide(
    {
      type: 'ScheduleMeeting',
      meetingId: 'm2',
      occurredAt: '2024-02-23',
      instanceId: 'csa-spip62',
      instanceName: 'CSA SPIP local (SPIP 62)',
      instanceType: 'csa_spip_local',
      scheduledFor: '2024-03-28',
      kind: 'ordinary',
    },
    meeting,
  ))
    meeting = meetingDecider.evolve(meeting, event);
  if (meeting.status === 'INITIAL') throw new Error('no meeting');
  return buildDossier({
    meeting,
    meetings: [],
    units,
    perimeter: perimeterOf(meeting, units),
    demands: [demand()],
    staffing: [],
    union: 'FO Justice CPIP',
    now: '2026-12-04T11:00:00.000Z',
    asOf: '2024-03-28T22:59:59.999Z',
    arreteAu: '2024-03-28T22:59:59.999Z',
    recordedUpTo: '2026-12-04T11:00:00.000Z',
    known: 'occurred',
    audit: { digest: 'ab'.repeat(32), checkedEvents: 3, ok: true, problems: 0 },
    redaction: 'roles',
    actors: new Map(),
    knownNames: [],
    rules: DEFAULT_MEETING_RULES,
    rulesSource: null,
    referenceRatios: DEFAULT_REFERENCE_RATIOS,
    referenceRatiosSource: null,
  });
};

/** Only Date is faked: the zip and XML work keeps its real timers. */
const clockAt = (iso: string) =>
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });

describe('The DOCX export', () => {
  afterEach(() => jest.useRealTimers());

  it('When the same dossier is rendered at two different clock times, then the bytes are identical', async () => {
    const dossier = model();
    clockAt('2027-01-15T08:00:00Z');
    const first = await renderDossierDocx(dossier);
    clockAt('2031-07-02T17:43:21Z');
    const again = await renderDossierDocx(dossier);
    expect(Buffer.compare(first, again)).toBe(0);
  });

  it('Then its properties and zip entries carry the generation instant, not the clock', async () => {
    clockAt('2031-07-02T17:43:21Z');
    const docx = await renderDossierDocx(model());
    const files = unzipSync(new Uint8Array(docx));
    const core = strFromU8(files['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toMatch(/<dcterms:created[^>]*>2026-12-04T11:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified[^>]*>2026-12-04T11:00:00Z<\/dcterms:modified>/);
    // The first local header's MS-DOS date: 2026-12-04 (year since 1980 << 9 | month << 5 | day).
    expect(docx.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (12 << 5) | 4);
    expect(strFromU8(files['word/document.xml'] ?? new Uint8Array())).toContain('Recruter au moins 1 ASE');
  });
});
