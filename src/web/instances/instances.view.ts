import { AVIS_LABELS, label, MINUTES_LABELS } from '../../dossiers/domain/french.js';
import { type MeetingView } from '../../meetings/get-meeting/meeting.view.js';
import { type FormState } from '../forms/form.js';
import { frDate, plural } from '../i18n/fr.js';

const NATURE_LABELS: Readonly<Record<string, string>> = {
  draft_text: 'projet de texte (vote)',
  consultation: 'consultation (vote)',
  information: 'information (sans vote)',
  unknown: 'nature à préciser',
};
const ITEM_STATUS_LABELS: Readonly<Record<string, string>> = {
  REQUESTED: 'demandé par les représentants',
  ACCEPTED: 'inscrit',
  REFUSED: 'refusé',
};
const DEADLINE_LABELS: Readonly<Record<string, string>> = {
  avis_follow_up: 'Suite écrite donnée à l’avis',
  minutes: 'Procès-verbal',
  redeliberation: 'Nouvelle délibération',
};

const meetingHref = (id: string): string => `/instances/${encodeURIComponent(id)}`;
const demandLinks = (ids: readonly string[], titles: ReadonlyMap<string, string>) =>
  ids.map((id) => ({ id: titles.get(id) ?? id, href: `/revendications/${encodeURIComponent(id)}` }));

export type MeetingRow = {
  href: string;
  instance: string;
  date: string;
  status: string;
  next: boolean;
  notice: string | null;
  late: string | null;
};

export type InstancesPage = {
  next: MeetingRow | null;
  upcoming: MeetingRow[];
  past: MeetingRow[];
  count: string;
};

/** The date the meeting is known by: held on, else scheduled for. */
const dayOf = (m: MeetingView): string => m.heldOn ?? m.scheduledFor;

const DAY = 86_400_000;
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The meetings list: the next one first (with the day the convocation and documents are due under the notice
 * rule), then the coming ones, then the past ones, latest first.
 */
export const instancesPage = (
  meetings: readonly MeetingView[],
  today: string,
  noticeDays: number,
): InstancesPage => {
  // Every meeting not yet recorded as held is still to prepare, even when its date has passed.
  const upcoming = meetings
    .filter((m) => m.status === 'SCHEDULED')
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  const nextId = upcoming[0]?.id;
  const row = (m: MeetingView): MeetingRow => {
    const overdue = m.deadlines.filter((d) => d.status === 'overdue');
    return {
      href: meetingHref(m.id),
      instance: m.instanceName,
      date: frDate(dayOf(m)),
      status:
        m.status === 'HELD'
          ? 'Tenue'
          : m.scheduledFor < today
            ? 'Date passée, tenue non enregistrée'
            : 'Prévue',
      next: m.id === nextId,
      notice:
        m.status === 'SCHEDULED' && m.scheduledFor >= today
          ? m.convocation
            ? `convocation reçue le ${frDate(m.convocation.receivedOn)}`
            : `convocation et documents attendus au plus tard le ${frDate(addDays(m.scheduledFor, -noticeDays))}`
          : null,
      late:
        overdue.length > 0
          ? overdue
              .map(
                (d) =>
                  `${label(DEADLINE_LABELS, d.kind)} en retard de ${plural(-d.daysLeft, 'jour', 'jours')}`,
              )
              .join(' ; ')
          : null,
    };
  };
  const past = meetings
    .filter((m) => m.status !== 'SCHEDULED')
    .sort((a, b) => dayOf(b).localeCompare(dayOf(a)));
  return {
    next: upcoming[0] ? row(upcoming[0]) : null,
    upcoming: upcoming.slice(1).map(row),
    past: past.map(row),
    count: plural(meetings.length, 'séance', 'séances'),
  };
};

export type MeetingPage = {
  id: string;
  revision: number;
  title: string;
  status: string;
  facts: [string, string][];
  agenda: {
    id: string;
    title: string;
    nature: string;
    status: string;
    refusal: string | null;
    avis: string | null;
    votes: string | null;
    followUp: string | null;
    demands: { id: string; href: string }[];
  }[];
  questions: { id: string; text: string; by: string | null; demands: { id: string; href: string }[] }[];
  statements: {
    text: string;
    author: string;
    about: string | null;
    demands: { id: string; href: string }[];
  }[];
  followUps: { item: string; receivedOn: string; text: string }[];
  minutes: { status: string; detail: string | null };
  deadlines: { label: string; due: string; state: string; late: boolean }[];
  dossier: { pdf: string; html: string; csv: string; compose: string };
  /** Why no form is shown (observer, instance outside the officer's sections), or null. */
  readOnly: string | null;
  forms: {
    key: string;
    question: FormState;
    statement: FormState;
    items: [string, string][];
  } | null;
};

/** A meeting page: agenda, questions diverses, management's exact words, votes and avis, minutes and follow-ups. */
export const meetingPage = (
  m: MeetingView,
  readOnly: string | null,
  forms: { key: string; question: FormState; statement: FormState },
  demandTitles: ReadonlyMap<string, string> = new Map(),
): MeetingPage => {
  const itemTitle = new Map<string, string>(
    m.items.map((i) => [
      i.itemId,
      i.kind === 'agenda_item' ? i.title : `Question diverse : ${i.text.slice(0, 80)}`,
    ]),
  );
  const facts: [string, string][] = [
    ['Instance', m.instanceName],
    [
      'Séance',
      `${m.kind === 'extraordinary' ? 'extraordinaire' : 'ordinaire'}, prévue le ${frDate(m.scheduledFor)}`,
    ],
  ];
  if (m.heldOn)
    facts.push(['Tenue le', `${frDate(m.heldOn)}${m.quorum === false ? ' (quorum non atteint)' : ''}`]);
  facts.push([
    'Convocation',
    m.convocation
      ? `reçue le ${frDate(m.convocation.receivedOn)}${m.convocation.lateDays > 0 ? `, en retard de ${plural(m.convocation.lateDays, 'jour', 'jours')}` : ', dans le délai'}`
      : 'non reçue',
  ]);
  facts.push([
    'Documents',
    m.documents.length === 0
      ? 'aucun reçu'
      : `${plural(m.documents.length, 'reçu', 'reçus')}${m.compliance.lateDocuments > 0 ? `, dont ${m.compliance.lateDocuments} en retard` : ''}`,
  ]);
  if (m.attendeeRoles.length > 0) facts.push(['Présents', m.attendeeRoles.join(', ')]);
  const minutesDetail =
    m.minutes.status === 'APPROVED' && m.minutes.approvedOn
      ? `approuvé le ${frDate(m.minutes.approvedOn)}`
      : m.minutes.receivedOn
        ? `projet reçu le ${frDate(m.minutes.receivedOn)}`
        : m.minutes.dueAt
          ? `attendu au plus tard le ${frDate(m.minutes.dueAt)}`
          : null;
  const base = `/api/meetings/${encodeURIComponent(m.id)}`;
  return {
    id: m.id,
    revision: m.revision,
    title: `${m.instanceName} — ${frDate(m.heldOn ?? m.scheduledFor)}`,
    status: m.status === 'HELD' ? 'Tenue' : 'Prévue',
    facts,
    agenda: m.items.flatMap((i) => {
      if (i.kind !== 'agenda_item') return [];
      const votes = m.votes.filter((v) => v.itemId === i.itemId);
      const last = votes[votes.length - 1];
      return [
        {
          id: i.itemId,
          title: i.title,
          nature: label(NATURE_LABELS, i.nature),
          status: label(ITEM_STATUS_LABELS, i.status),
          refusal: i.refusalReason,
          avis: i.avis ? label(AVIS_LABELS, i.avis) : null,
          votes: last
            ? last.votes
                .map(
                  (v) =>
                    `${v.union} : ${v.pour} pour, ${v.contre} contre, ${v.abstention} abstention${v.abstention > 1 ? 's' : ''}`,
                )
                .join(' ; ') + (last.redeliberation ? ' (nouvelle délibération)' : '')
            : null,
          followUp: i.followUpReceivedOn ? `suite écrite reçue le ${frDate(i.followUpReceivedOn)}` : null,
          demands: demandLinks(i.demandIds, demandTitles),
        },
      ];
    }),
    questions: m.items.flatMap((i) =>
      i.kind === 'question_diverse'
        ? [{ id: i.itemId, text: i.text, by: i.submittedBy, demands: demandLinks(i.demandIds, demandTitles) }]
        : [],
    ),
    statements: m.statements.map((s) => ({
      text: s.text,
      author: s.authorRole,
      about: s.itemId ? (itemTitle.get(s.itemId) ?? null) : null,
      demands: demandLinks(s.demandIds, demandTitles),
    })),
    followUps: m.followUps.map((f) => ({
      item: itemTitle.get(f.itemId) ?? f.itemId,
      receivedOn: frDate(f.receivedOn),
      text: f.text,
    })),
    minutes: { status: label(MINUTES_LABELS, m.minutes.status), detail: minutesDetail },
    deadlines: m.deadlines.map((d) => ({
      label: label(DEADLINE_LABELS, d.kind) + ('itemTitle' in d ? ` — ${d.itemTitle}` : ''),
      due: frDate('dueAt' in d ? d.dueAt : 'to' in d ? d.to : null),
      state:
        d.status === 'overdue'
          ? `en retard de ${plural(-d.daysLeft, 'jour', 'jours')}`
          : d.daysLeft === 0
            ? 'dernier jour aujourd’hui'
            : `dans ${plural(d.daysLeft, 'jour', 'jours')}`,
      late: d.status === 'overdue',
    })),
    dossier: {
      pdf: `${base}/dossier.pdf`,
      html: `${base}/dossier.html`,
      csv: `${base}/summary.csv`,
      compose: `/instances/${encodeURIComponent(m.id)}/dossier`,
    },
    readOnly,
    forms:
      readOnly === null
        ? {
            key: forms.key,
            question: forms.question,
            statement: forms.statement,
            items: [['', 'Aucun point en particulier'], ...[...itemTitle.entries()]],
          }
        : null,
  };
};
