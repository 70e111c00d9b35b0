import type { DemandCommand } from '../../demands/domain/demand.commands.js';
import { demandDecider } from '../../demands/domain/demand.decide.js';
import type { Demand, DemandState } from '../../demands/domain/demand.js';
import type { MeetingCommand } from '../../meetings/domain/meeting.commands.js';
import { meetingDecider } from '../../meetings/domain/meeting.decide.js';
import { DEFAULT_MEETING_RULES } from '../../meetings/domain/meeting-rules.js';
import type { Meeting, MeetingState } from '../../meetings/domain/meeting.js';
import { DEFAULT_REFERENCE_RATIOS } from '../../units/domain/staffing-ratios.js';
import { buildDossier } from './build-dossier.js';
import type { DemandInput, DossierInput } from './dossier.model.js';
import { dayOf, frDate, frDateTime } from './french.js';
import { perimeterOf, type UnitInfo } from './perimeter.js';
import { questionFor } from './questions.js';
import { actorLabel, textRedactor } from './redaction.js';

const units = new Map<string, UnitInfo>(
  [
    { id: 'dap', kind: 'DAP', name: 'DAP', parentId: null },
    { id: 'disp-lille', kind: 'DISP', name: 'DISP de Lille', parentId: 'dap' },
    { id: 'spip-62', kind: 'SPIP', name: 'SPIP du Pas-de-Calais (62)', parentId: 'disp-lille' },
    { id: 'ant-bethune', kind: 'ANTENNA', name: 'ALIP MO de Béthune', parentId: 'spip-62' },
    { id: 'ant-longuenesse', kind: 'ANTENNA', name: 'ALIP du CP de Longuenesse', parentId: 'spip-62' },
    { id: 'spip-59', kind: 'SPIP', name: 'SPIP du Nord (59)', parentId: 'disp-lille' },
    { id: 'ant-lille', kind: 'ANTENNA', name: 'ALIP de Lille', parentId: 'spip-59' },
  ].map((u) => [u.id, u]),
);

const demandOf = (commands: DemandCommand[]): DemandInput => {
  let state: DemandState = demandDecider.initialState();
  const history: DemandInput['history'] = [];
  for (const command of commands) {
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
  }
  if (state.status === 'INITIAL') throw new Error('no demand');
  return { state, history };
};

const raise = (demandId: string, priority: 'high' | 'low', at: string): DemandCommand => ({
  type: 'RaiseDemand',
  demandId,
  occurredAt: at,
  antennaId: 'ant-bethune',
  title: `Revendication ${demandId}`,
  category: 'hr',
  explicit: true,
  priority,
  addressees: [{ role: 'DFSPIP', organisation: 'spip-62' }],
  level: 'local',
});
const submit = (demandId: string, at: string, due: string): DemandCommand => ({
  type: 'SubmitDemand',
  demandId,
  occurredAt: at,
  channel: 'letter',
  addressee: { role: 'DFSPIP', organisation: 'spip-62' },
  responseDueAt: due,
});
const respond = (
  demandId: string,
  at: string,
  stance: 'defer' | 'accept',
  newDueAt?: string,
): DemandCommand => ({
  type: 'RecordManagementResponse',
  demandId,
  occurredAt: at,
  responseId: `r-${at}`,
  stance,
  text: 'La question est à l’étude avec la DISP.',
  authorRole: 'DFSPIP',
  channel: 'letter',
  ...(newDueAt ? { newDueAt } : {}),
});

const meetingOf = (commands: MeetingCommand[]): Meeting => {
  let state: MeetingState = meetingDecider.initialState();
  for (const command of commands) {
    for (const event of meetingDecider.decide(command, state)) state = meetingDecider.evolve(state, event);
  }
  if (state.status === 'INITIAL') throw new Error('no meeting');
  return state;
};
const CSA = {
  instanceId: 'csa-spip62',
  instanceName: 'CSA SPIP local (SPIP 62)',
  instanceType: 'csa_spip_local',
} as const;

describe('French dates', () => {
  it('writes dates out, with "1er" for the first of the month', () => {
    expect(frDate('2023-10-13')).toBe('13 octobre 2023');
    expect(frDate('2024-03-01')).toBe('1er mars 2024');
  });

  it('reads instants in Paris time, winter and summer, on both sides of the change', () => {
    expect(frDateTime('2024-03-27T09:00:00Z')).toBe('27 mars 2024 à 10 h 00');
    expect(frDateTime('2024-07-01T10:05:00Z')).toBe('1er juillet 2024 à 12 h 05');
    expect(frDateTime('2024-03-31T00:59:00Z')).toBe('31 mars 2024 à 1 h 59');
    expect(frDateTime('2024-03-31T01:00:00Z')).toBe('31 mars 2024 à 3 h 00');
    expect(frDateTime('2024-10-27T00:59:00Z')).toBe('27 octobre 2024 à 2 h 59');
    expect(frDateTime('2024-10-27T01:00:00Z')).toBe('27 octobre 2024 à 2 h 00');
    expect(dayOf('2024-02-23T23:30:00Z')).toBe('2024-02-24');
  });
});

describe('Redaction', () => {
  const redact = textRedactor('roles', ['Jeanne Martin']);

  it('masks e-mail addresses, account ids, names after a civility and the accounts’ names', () => {
    expect(redact('Écrire à jeanne.martin@justice.fr')).toBe('Écrire à [courriel masqué]');
    expect(redact('saisi par 0b4f2c8e-1d2a-4c3b-9a8f-7e6d5c4b3a21')).toBe('saisi par [identifiant masqué]');
    expect(redact('Mme NEEL pallie l’absence de DPIP')).toBe('[nom masqué] pallie l’absence de DPIP');
    expect(redact('Réponse de Jeanne Martin')).toBe('Réponse de [nom masqué]');
  });

  it('keeps roles, acronyms and places', () => {
    const text = 'La cheffe d’antenne et le DFSPIP : CHORUS DT, ORIGINE, MA de Béthune, M. le directeur';
    expect(redact(text)).toBe(text);
  });

  it('shows actors by role, or by name and e-mail without redaction', () => {
    const info = { role: 'officer', displayName: 'Jeanne Martin', email: 'j@x.fr' };
    expect(actorLabel('a-1', 'roles', info)).toBe('délégué·e');
    expect(actorLabel('a-1', 'none', info)).toBe('Jeanne Martin <j@x.fr>');
    expect(actorLabel('system:deadline-check', 'roles', undefined)).toBe(
      'contrôle automatique des échéances',
    );
    expect(textRedactor('none')('Mme NEEL')).toBe('Mme NEEL');
  });
});

describe('Perimeter of an instance', () => {
  it('sits a local CSA at its SPIP and takes the antennas below it', () => {
    const p = perimeterOf({ instanceId: 'csa-spip62', instanceName: 'CSA', level: 'local' }, units);
    expect(p.unitId).toBe('spip-62');
    expect(p.antennaIds).toEqual(['ant-bethune', 'ant-longuenesse', 'spip-62']);
  });

  it('takes the whole organisation when no unit matches', () => {
    const p = perimeterOf({ instanceId: 'fs-competente', instanceName: 'FS', level: 'local' }, units);
    expect(p.antennaIds).toBeNull();
  });
});

describe('The question to ask today', () => {
  const context = { asOf: '2024-03-27T09:00:00Z', titularRepsTotal: 6, lastAskedAt: null };

  it('When the answer is overdue, then asks for a dated answer in a question diverse', () => {
    const d = demandOf([raise('d1', 'high', '2024-02-23'), submit('d1', '2024-02-23', '2024-03-24')]).state;
    const q = questionFor(d, { ...context, responseOverdue: true, commitmentOverdue: false });
    expect(q.channel).toBe('question_diverse');
    expect(q.text).toContain('réponse écrite et datée');
    expect(q.text).toContain('24 mars 2024');
  });

  it('When management deferred twice, then proposes an agenda item signed by half of the titulars', () => {
    const d = demandOf([
      raise('d2', 'high', '2024-01-02'),
      submit('d2', '2024-01-02', '2024-02-01'),
      respond('d2', '2024-01-20', 'defer', '2024-02-20'),
      respond('d2', '2024-02-15', 'defer', '2024-04-15'),
    ]).state;
    const q = questionFor(d, { ...context, responseOverdue: false, commitmentOverdue: false });
    expect(q.channel).toBe('agenda_item');
    expect(q.signaturesNeeded).toBe(3);
    expect(q.text).toContain('3 représentant·es titulaires sur 6');
  });

  it('When a commitment is past its date, then asks for the new date', () => {
    const d = demandOf([
      raise('d3', 'low', '2024-01-02'),
      submit('d3', '2024-01-02', '2024-02-01'),
      respond('d3', '2024-01-15', 'accept'),
      {
        type: 'MakeCommitment',
        demandId: 'd3',
        occurredAt: '2024-01-16',
        commitmentId: 'c1',
        deliverable: 'Installer deux prises réseau',
        owner: 'DFSPIP',
        dueAt: '2024-03-01',
      },
    ]).state;
    const q = questionFor(d, { ...context, responseOverdue: false, commitmentOverdue: true });
    expect(q.text).toContain('Quelle est la nouvelle date');
    expect(q.text).toContain('1er mars 2024');
  });
});

describe('The dossier model', () => {
  const previous = meetingOf([
    {
      type: 'ScheduleMeeting',
      meetingId: 'm1',
      occurredAt: '2023-10-13',
      ...CSA,
      scheduledFor: '2023-10-13',
      kind: 'ordinary',
    },
    {
      type: 'RecordMeetingHeld',
      meetingId: 'm1',
      occurredAt: '2023-10-13',
      heldOn: '2023-10-13',
      attendeeRoles: [],
    },
  ]);
  const next = meetingOf([
    {
      type: 'ScheduleMeeting',
      meetingId: 'm2',
      occurredAt: '2024-02-23',
      ...CSA,
      scheduledFor: '2024-03-28',
      kind: 'ordinary',
    },
  ]);
  const overdue = demandOf([
    raise('d-old', 'low', '2024-01-05'),
    submit('d-old', '2024-01-05', '2024-02-05'),
  ]);
  const recent = demandOf([raise('d-new', 'high', '2024-02-23')]);
  const closed = demandOf([
    raise('d-closed', 'high', '2023-11-02'),
    { type: 'AbandonDemand', demandId: 'd-closed', occurredAt: '2024-01-10', reason: 'obsolete' },
  ]);
  const closedLongAgo = demandOf([
    raise('d-gone', 'high', '2023-01-02'),
    { type: 'AbandonDemand', demandId: 'd-gone', occurredAt: '2023-05-10', reason: 'obsolete' },
  ]);
  const input: DossierInput = {
    meeting: next,
    meetings: [previous],
    units,
    perimeter: perimeterOf(next, units),
    demands: [recent, closedLongAgo, overdue, closed],
    staffing: [],
    union: 'FO Justice CPIP',
    now: '2024-03-27T09:00:00.000Z',
    asOf: '2024-03-27T09:00:00.000Z',
    arreteAu: '2024-03-27T09:00:00.123Z',
    recordedUpTo: '2024-03-27T09:00:00.123Z',
    known: 'occurred',
    audit: { digest: 'ab'.repeat(32), checkedEvents: 9, ok: true, problems: 0 },
    redaction: 'roles',
    actors: new Map(),
    knownNames: [],
    rules: DEFAULT_MEETING_RULES,
    rulesSource: null,
    referenceRatios: DEFAULT_REFERENCE_RATIOS,
    referenceRatiosSource: null,
  };
  const model = buildDossier(input);

  it('lists open demands and those closed since the previous meeting: overdue first, then high priority', () => {
    expect(model.summary.map((r) => r.demandId)).toEqual(['d-old', 'd-closed', 'd-new']);
    expect(model.summary[0]?.flags).toEqual(['response']);
    expect(model.counts).toMatchObject({ open: 2, closedSincePrevious: 1, responseOverdue: 1 });
  });

  it('compares with the previous meeting of the instance', () => {
    expect(model.meta.previousMeeting).toEqual({ meetingId: 'm1', date: '2023-10-13' });
    expect(model.delta.entries.map((e) => `${e.demandId ?? '-'} ${e.kind}`)).toEqual([
      '- meeting',
      'd-old new',
      'd-closed closed',
      'd-old deadline',
      'd-new new',
    ]);
  });

  it('gives the route that checks the digest of the store as recorded when the dossier was made', () => {
    expect(model.audit.verifyRoute).toBe(
      `/api/audit/verify?recordedUpTo=${encodeURIComponent('2024-03-27T09:00:00.123Z')}`,
    );
  });

  it('flags the minutes of the previous meeting as overdue in the compliance annex', () => {
    const october = model.compliance.find((c) => c.meetingId === 'm1');
    expect(october?.minutesOverdue).toBe(true);
    expect(october?.minutes).toContain('13 novembre 2023');
  });

  it('gives every sheet a question and its chronology', () => {
    const sheet = model.sheets.find((s) => s.row.demandId === 'd-old');
    expect(sheet?.question.channel).toBe('question_diverse');
    expect(sheet?.chronology.map((c) => c.label)).toEqual([
      'Revendication soulevée (explicite)',
      'Adressée à DFSPIP (SPIP du Pas-de-Calais (62))',
    ]);
    const state: Demand = overdue.state;
    expect(sheet?.row.firstRaisedAt).toBe(state.raisedAt);
  });

  describe('The staffing annex', () => {
    const bethune: DossierInput['staffing'][number] = {
      antennaId: 'ant-bethune',
      snapshotId: 'staff-bethune-2024-01-25',
      asOf: '2024-01-25',
      lines: [
        { role: 'CPIP', headcount: 29, seconded: 1, onLongLeave: 1 },
        { role: 'ASE', headcount: 2 },
      ],
      caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
      assumptions: [],
      illustrative: false,
    };
    const annexOf = (extra: Partial<DossierInput>) =>
      buildDossier({ ...input, staffing: [bethune], ...extra }).staffing.find(
        (a) => a.antennaId === 'ant-bethune',
      );

    it("When the organisation set no ratios, then it measures against the DAP's OR and says so", () => {
      const annex = annexOf({});
      expect(annex?.snapshot?.roles.map((r) => [r.role, r.reference, r.gap])).toEqual([
        ['CPIP', 60, '+11 à +14'],
        ['ASE', 50, '+1'],
      ]);
      expect(annex?.snapshot?.assumptions).toContain('Référence OR : 1 ETP CPIP pour 60 personnes suivies.');
      expect(model.meta.referenceRatiosOrigin).toBe(
        'organigrammes de référence (OR) de la DAP : 1 CPIP (ETP) pour 60 personnes suivies, ' +
          '1 ASE pour 50 personnes sous surveillance électronique',
      );
    });

    it("When the organisation set its ratios, then it measures against them and prints their source, not the OR's", () => {
      const source = 'Motion du congrès FO Justice, 2024';
      const extra = {
        referenceRatios: { cpipPerPeople: 50, asePerPeople: 40 },
        referenceRatiosSource: source,
      };
      const annex = annexOf(extra);
      expect(annex?.snapshot?.roles.map((r) => [r.role, r.reference, r.gap])).toEqual([
        ['CPIP', 50, '+18 à +22'],
        ['ASE', 40, '+1 à +2'], // 150 ÷ 40 = 3,75 needed − 2 active
      ]);
      const assumptions = annex?.snapshot?.assumptions ?? [];
      expect(assumptions).toContain(
        `Référence fixée par l'organisation (source : ${source}) : 1 ETP CPIP pour 50 personnes suivies.`,
      );
      expect(assumptions.join('\n')).not.toContain('Référence OR');
      const origin = buildDossier({ ...input, ...extra }).meta.referenceRatiosOrigin;
      expect(origin).toContain(`fixés par l’organisation (source : ${source})`);
      expect(origin).not.toContain('OR');
    });
  });
});
