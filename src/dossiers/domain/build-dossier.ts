import {
  type Demand,
  type DemandState,
  evolve as evolveDemand,
  initialState as initialDemand,
  isTerminal,
  overdueFlags,
} from '../../demands/domain/demand.js';
import type { DemandEvent } from '../../demands/domain/demand.events.js';
import { addMonths, daysBetween } from '../../meetings/domain/meeting-dates.js';
import { meetingDeadlinesAt } from '../../meetings/domain/meeting-deadlines.js';
import { type DemandLink, meetingDemandLinks } from '../../meetings/domain/meeting-links.js';
import { followUpOf, latestVoteOn, type Meeting } from '../../meetings/domain/meeting.js';
import {
  computeStaffingRatios,
  type NumericRange,
  referenceLabel,
  type RoleRatio,
} from '../../units/domain/staffing-ratios.js';
import type {
  ChronologyEntry,
  DeltaEntry,
  DemandInput,
  DemandSheet,
  DossierInput,
  DossierModel,
  MeetingCompliance,
  OverdueFlag,
  StaffingAnnex,
  SummaryRow,
} from './dossier.model.js';
import {
  AVIS_LABELS,
  CHANNEL_LABELS,
  LEVEL_LABELS,
  MINUTES_LABELS,
  PRIORITY_LABELS,
  STANCE_LABELS,
  STATUS_LABELS,
  CATEGORY_LABELS,
  count,
  dayOf,
  frDate,
  frShortDate,
  label,
  plural,
} from './french.js';
import { liminaireOf } from './liminaire.js';
import { questionFor } from './questions.js';
import { actorLabel, namesFound, textRedactor } from './redaction.js';
import { describeSource, organisationName } from './sources.js';

/** At most this many questions diverses are proposed: a CSA takes a handful, chosen by the officers. */
export const MAX_SUGGESTED_QUESTIONS = 5;

/**
 * The "dossier de suivi CSA" (domain.md 4.5) as plain data, from what was recorded up to "données arrêtées au":
 * cover, summary table, changes since the instance's previous meeting, one sheet per demand, staffing annex,
 * compliance annex, draft questions diverses. Pure: the caller reads the data and passes "now" in.
 */
export const buildDossier = (input: DossierInput): DossierModel => {
  // Every name the recorded texts hold, with or without a civility, is masked wherever it appears.
  const rawTexts = input.demands.flatMap((d) => d.history.flatMap((e) => stringsOf(e.data)));
  const names = namesFound(input.redaction, rawTexts, input.knownNames);
  const redact = textRedactor(input.redaction, [...input.knownNames, ...names.map((n) => n.name)]);
  const composition = input.composition ?? null;
  const arreteAu = input.arreteAu;
  const afterCutoff = (recordedAt: string): boolean => Date.parse(recordedAt) > Date.parse(arreteAu);
  const meeting = input.meeting;
  const meetingDay = dayOfMeeting(meeting);
  const asOf = input.asOf;
  const today = dayOf(asOf);

  const instanceMeetings = uniqueMeetings([meeting, ...input.meetings])
    .filter((m) => m.instanceId === meeting.instanceId && dayOfMeeting(m) <= meetingDay)
    .sort(byMeetingDay);
  const previous =
    instanceMeetings.filter((m) => m.meetingId !== meeting.meetingId && dayOfMeeting(m) < meetingDay).pop() ??
    null;
  const since = previous ? dayOfMeeting(previous) : null;

  const allMeetings = uniqueMeetings([meeting, ...input.meetings]);
  const meetingsById = new Map(allMeetings.map((m) => [m.meetingId, m]));
  const linksByDemand = new Map<string, DemandLink[]>();
  for (const m of allMeetings) {
    for (const link of meetingDemandLinks(m)) {
      const list = linksByDemand.get(link.demandId) ?? [];
      list.push(link);
      linksByDemand.set(link.demandId, list);
    }
  }
  // Demands on an agenda item whose avis still awaits its written follow-up past the deadline.
  const avisOverdue = new Set<string>();
  for (const m of allMeetings) {
    for (const deadline of meetingDeadlinesAt(m, input.rules, asOf)) {
      if (deadline.kind !== 'avis_follow_up' || deadline.status !== 'overdue') continue;
      const item = m.items.find((i) => i.itemId === deadline.itemId);
      item?.demandIds.forEach((id) => avisOverdue.add(id));
    }
  }
  const titularRepsTotal = latestTitularRepsTotal(allMeetings);

  const inScope = input.demands.filter(({ state }) => {
    if (state.status === 'DRAFT') return false;
    if (!isTerminal(state.status)) return true;
    return since !== null && state.closedAt !== null && dayOf(state.closedAt) > since;
  });

  const rowOf = (demand: Demand): SummaryRow => {
    const flagsNow = overdueFlags(demand, asOf);
    const flags: OverdueFlag[] = [];
    if (flagsNow.responseOverdue) flags.push('response');
    if (flagsNow.commitmentOverdue) flags.push('commitment');
    if (!isTerminal(demand.status) && avisOverdue.has(demand.demandId)) flags.push('avis_follow_up');
    if (!isTerminal(demand.status) && demand.suggestAgendaItem) flags.push('deferred_twice');
    const firstRaisedAt = demand.raisedAt ?? demand.draftedAt;
    const openCommitments = demand.commitments
      .filter((c) => c.status === 'open')
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const last = demand.lastResponse;
    const closed = isTerminal(demand.status);
    return {
      demandId: demand.demandId,
      ref: '',
      antennaId: demand.antennaId,
      antennaName: input.units.get(demand.antennaId)?.name ?? demand.antennaId,
      title: redact(demand.title),
      explicit: demand.explicit,
      targets: demand.addressees
        .map((a) => `${a.role} · ${organisationName(a.organisation, input.units)}`)
        .join(' ; '),
      level: label(LEVEL_LABELS, demand.level),
      priority: demand.priority,
      priorityLabel: label(PRIORITY_LABELS, demand.priority),
      category: label(CATEGORY_LABELS, demand.category),
      firstRaisedAt,
      timesAsked: demand.timesAsked,
      lastPosition: last
        ? {
            stance: last.stance,
            stanceLabel: label(STANCE_LABELS, last.stance),
            date: last.respondedAt,
            channel: last.channel,
            channelLabel: label(CHANNEL_LABELS, last.channel),
            authorRole: last.authorRole,
          }
        : null,
      commitmentDueAt: openCommitments[0]?.dueAt ?? null,
      responseDueAt: closed ? null : demand.responseDueAt,
      status: demand.status,
      statusLabel: label(STATUS_LABELS, demand.status),
      closed,
      closedAt: demand.closedAt,
      daysOpen: firstRaisedAt
        ? Math.max(
            0,
            daysBetween(dayOf(firstRaisedAt), closed && demand.closedAt ? dayOf(demand.closedAt) : today),
          )
        : null,
      flags,
      flagLabels: flags.map((f) => FLAG_LABELS[f]),
      overdue: flags.some((f) => f !== 'deferred_twice'),
    };
  };

  const PRIORITY_RANK: Readonly<Record<string, number>> = { high: 0, medium: 1, low: 2 };
  const sorted = inScope
    .map((d) => ({ input: d, row: rowOf(d.state) }))
    .sort(
      (a, b) =>
        Number(b.row.overdue) - Number(a.row.overdue) ||
        (PRIORITY_RANK[a.row.priority] ?? 3) - (PRIORITY_RANK[b.row.priority] ?? 3) ||
        compare(a.row.firstRaisedAt ?? '', b.row.firstRaisedAt ?? '') ||
        compare(a.row.demandId, b.row.demandId),
    );
  // A composed dossier holds the demands the officer picked, in the officer's order.
  const byId = new Map(sorted.map((r) => [r.row.demandId, r]));
  const rows = (
    composition
      ? composition.demandIds.flatMap((id) => {
          const found = byId.get(id);
          return found ? [found] : [];
        })
      : sorted
  ).map((r, index) => ({ ...r, row: { ...r.row, ref: `n°\u00a0${index + 1}` } }));

  const meetingLabel = (meetingId: string, fallbackDate: string): string => {
    const m = meetingsById.get(meetingId);
    return m
      ? `${m.instanceName}, séance du ${frDate(dayOfMeeting(m))}`
      : `séance du ${frDate(fallbackDate)}`;
  };

  const sheets: DemandSheet[] = rows.map(({ input: d, row }) => {
    const demand = d.state;
    const chronology = [
      ...d.history.flatMap((entry) => {
        const described = describeEvent(entry.type, entry.data, input.units, redact, meetingsById);
        if (!described) return [];
        return [
          {
            date: entry.occurredAt ?? entry.recordedAt,
            ...described,
            recorded: `saisi le ${frShortDate(entry.recordedAt)} par ${actorLabel(entry.actorId, input.redaction, entry.actorId ? input.actors.get(entry.actorId) : undefined)}`,
            recordedAfterCutoff: afterCutoff(entry.recordedAt),
          },
        ];
      }),
      ...(linksByDemand.get(demand.demandId) ?? []).map((link): ChronologyEntry => {
        const m = meetingsById.get(link.meetingId);
        const day = m ? dayOfMeeting(m) : dayOf(link.at);
        const where = meetingLabel(link.meetingId, day);
        const minutes = m && m.status === 'HELD' ? `PV : ${label(MINUTES_LABELS, m.minutes.status)}` : null;
        const avis = link.avis ? label(AVIS_LABELS, link.avis) : null;
        if (link.kind === 'statement') {
          return {
            date: day,
            label: `Déclaration de la direction en séance${link.title ? ` (sur «\u00a0${redact(link.title)}\u00a0»)` : ''}`,
            detail: avis,
            quote: { text: redact(link.text ?? ''), authorRole: link.authorRole ?? 'direction' },
            source: [where, minutes].filter(Boolean).join(' ; '),
            recorded: null,
            recordedAfterCutoff: false,
          };
        }
        return {
          date: day,
          label:
            link.kind === 'agenda_item'
              ? `Point à l’ordre du jour : «\u00a0${redact(link.title ?? '')}\u00a0»`
              : `Question diverse : «\u00a0${redact(link.title ?? '')}\u00a0»`,
          detail: link.kind === 'agenda_item' ? (avis ?? 'aucun vote enregistré') : null,
          quote: null,
          source: [where, minutes].filter(Boolean).join(' ; '),
          recorded: null,
          recordedAfterCutoff: false,
        };
      }),
    ].sort((a, b) => compare(dayOf(a.date), dayOf(b.date)));

    const managementWords = chronology
      .filter((c) => c.quote && c.quote.text.trim() !== '')
      .map((c) => ({
        date: c.date,
        authorRole: c.quote?.authorRole ?? '',
        source: c.source ?? '',
        text: c.quote?.text ?? '',
      }));
    const flags = overdueFlags(demand, asOf);
    return {
      row,
      description: demand.description ? redact(demand.description) : null,
      quote: demand.quote ? redact(demand.quote) : null,
      category: label(CATEGORY_LABELS, demand.category),
      observationCount: demand.observationIds.length,
      sourceLabel: demand.sourceRef ? describeSource(demand.sourceRef) : null,
      illustrative: demand.illustrative,
      legalBases: demand.legalBases.map((b) => ({
        reference: redact(b.reference),
        text: b.text ? redact(b.text) : null,
        origin: b.origin,
      })),
      chronology,
      managementWords,
      commitments: demand.commitments.map((c) => ({
        deliverable: redact(c.deliverable),
        owner: c.owner,
        madeAt: c.madeAt,
        dueAt: c.dueAt,
        status: c.status === 'done' ? 'tenu' : 'en cours',
        progressPercent: c.progressPercent,
        rescheduleCount: c.rescheduleCount,
        overdue: c.status === 'open' && !isTerminal(demand.status) && Date.parse(c.dueAt) < Date.parse(asOf),
      })),
      question: questionFor(demand, {
        asOf,
        responseOverdue: flags.responseOverdue,
        commitmentOverdue: flags.commitmentOverdue,
        titularRepsTotal,
        lastAskedAt: lastAskedAt(d.history),
      }),
    };
  });

  const delta = since === null ? [] : deltaSince(since, rows, input, meeting, instanceMeetings, redact);
  const compliance = instanceMeetings.map((m) =>
    complianceOf(m, m.meetingId === meeting.meetingId, input, redact),
  );
  const staffing = staffingAnnex(input);

  const open = rows.filter((r) => !r.row.closed);
  const counts = {
    open: open.length,
    closedSincePrevious: rows.length - open.length,
    overdue: open.filter((r) => r.row.overdue).length,
    responseOverdue: open.filter((r) => r.row.flags.includes('response')).length,
    commitmentOverdue: open.filter((r) => r.row.flags.includes('commitment')).length,
  };
  // Already tabled: on an agenda item or a question diverse of a meeting of this instance (this one included).
  const tabled = new Set(
    instanceMeetings.concat(meeting).flatMap((m) => meetingDemandLinks(m).map((link) => link.demandId)),
  );
  const sheetsById = new Map(sheets.map((s) => [s.row.demandId, s]));
  const questionsDiverses = (
    composition
      ? composition.questionDemandIds.flatMap((id) => {
          const sheet = sheetsById.get(id);
          return sheet ? [sheet] : [];
        })
      : sheets
          .filter((s) => s.question.channel === 'question_diverse' && !tabled.has(s.row.demandId))
          .slice(0, MAX_SUGGESTED_QUESTIONS)
  ).map((s) => ({ row: s.row, question: s.question }));
  const agendaItems = sheets
    .filter((s) => s.question.channel === 'agenda_item')
    .map((s) => ({ row: s.row, question: s.question }));

  return {
    meta: {
      meetingId: meeting.meetingId,
      instanceId: meeting.instanceId,
      instanceName: meeting.instanceName,
      instanceType: meeting.instanceType,
      level: meeting.level,
      meetingDate: meetingDay,
      meetingStatus: meeting.status === 'HELD' ? 'tenue' : 'convoquée',
      kind: meeting.kind === 'extraordinary' ? 'extraordinaire' : 'ordinaire',
      sourceRef: meeting.sourceRef,
      union: input.union,
      perimeter: input.perimeter.label,
      perimeterUnitId: input.perimeter.unitId,
      generatedAt: input.now,
      arreteAu: input.arreteAu,
      recordedUpTo: input.recordedUpTo,
      known: input.known,
      recordedAfterCutoff: sheets.reduce(
        (n, s) => n + s.chronology.filter((c) => c.recordedAfterCutoff).length,
        0,
      ),
      asOf,
      redaction: input.redaction,
      composed: composition !== null,
      previousMeeting: previous ? { meetingId: previous.meetingId, date: dayOfMeeting(previous) } : null,
      rules: input.rules,
      rulesOrigin:
        input.rulesSource === null
          ? 'par défaut, à vérifier dans le règlement intérieur'
          : `fixées par l’organisation, source : ${input.rulesSource}`,
      referenceRatios: input.referenceRatios,
      referenceRatiosOrigin: referenceRatiosOrigin(input),
    },
    audit: {
      ...input.audit,
      recordedUpTo: input.recordedUpTo,
      verifyRoute: `/api/audit/verify?recordedUpTo=${encodeURIComponent(input.recordedUpTo)}`,
      seal: input.seal ?? null,
    },
    counts,
    summary: rows.map((r) => r.row),
    delta: { since, entries: delta },
    sheets,
    staffing,
    compliance,
    questionsDiverses,
    agendaItems,
    liminaire: composition?.liminaire
      ? composition.liminaire.map((text) => ({ text, sources: [], byOfficer: true }))
      : liminaireOf({ rows, compliance, meeting, input, meetingDay }),
    names,
  };
};

// ---- Helpers ---------------------------------------------------------------------------------------------------

export const FLAG_LABELS: Readonly<Record<OverdueFlag, string>> = {
  response: 'réponse en retard',
  commitment: 'engagement en retard',
  avis_follow_up: 'suites d’avis en retard',
  deferred_twice: '«\u00a0à l’étude\u00a0» ×2',
};

/** Code-unit order: ISO dates and ids sort right, and faster than `localeCompare`. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The day a meeting took place, or is convened for. */
export const dayOfMeeting = (m: Meeting): string => m.heldOn ?? m.scheduledFor;

const byMeetingDay = (a: Meeting, b: Meeting): number =>
  compare(dayOfMeeting(a), dayOfMeeting(b)) || compare(a.meetingId, b.meetingId);

const uniqueMeetings = (meetings: readonly Meeting[]): Meeting[] => [
  ...new Map(meetings.map((m) => [m.meetingId, m])).values(),
];

const latestTitularRepsTotal = (meetings: readonly Meeting[]): number | null => {
  let best: { at: string; total: number } | null = null;
  for (const m of meetings) {
    for (const item of m.items) {
      if (item.kind !== 'agenda_item' || item.titularRepsTotal === null) continue;
      if (!best || item.addedAt > best.at) best = { at: item.addedAt, total: item.titularRepsTotal };
    }
  }
  return best?.total ?? null;
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The latest submission or reminder. */
const lastAskedAt = (history: DemandInput['history']): string | null =>
  history.reduce<string | null>((latest, e) => {
    if (e.type !== 'DemandSubmitted' && e.type !== 'ReminderSent') return latest;
    const at = str(e.type === 'DemandSubmitted' ? e.data.submittedAt : e.data.sentAt) || e.occurredAt;
    return at && (latest === null || Date.parse(at) > Date.parse(latest)) ? at : latest;
  }, null);

type Described = Omit<ChronologyEntry, 'date' | 'recorded' | 'recordedAfterCutoff'>;

/** Every string an event's data holds, however deep (the texts names are looked for in). */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsOf)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(stringsOf)
        : [];

const addresseeText = (value: unknown, units: DossierInput['units']): string => {
  const a = value as { role?: string; organisation?: string } | undefined;
  if (!a?.role) return '';
  return `${a.role} (${units.get(a.organisation ?? '')?.name ?? a.organisation ?? ''})`;
};

/** One demand event as a line of the chronology; null for events that add nothing to read. */
const describeEvent = (
  type: string,
  data: Record<string, unknown>,
  units: DossierInput['units'],
  redact: (text: string) => string,
  meetings: ReadonlyMap<string, Meeting>,
): Described | null => {
  const none = { detail: null, quote: null, source: null };
  switch (type) {
    case 'DemandDrafted':
      return { ...none, label: 'Revendication rédigée (brouillon)' };
    case 'DemandRaised': {
      const observations = Array.isArray(data.observationIds) ? (data.observationIds as string[]) : [];
      return {
        label: `Revendication soulevée (${data.explicit === true ? 'explicite' : 'implicite'})`,
        detail:
          observations.length > 0
            ? `fondée sur ${count(observations.length, { one: 'constat de visite', other: 'constats de visite' })}`
            : null,
        quote: null,
        source: str(data.sourceRef) ? describeSource(str(data.sourceRef)) : null,
      };
    }
    case 'DemandReworded':
      return {
        ...none,
        label: 'Reformulée',
        detail: data.title
          ? `«\u00a0${redact(str(data.previousTitle))}\u00a0» devient «\u00a0${redact(str(data.title))}\u00a0»`
          : null,
      };
    case 'DemandPrioritySet':
      return { ...none, label: `Priorité : ${label(PRIORITY_LABELS, str(data.priority))}` };
    case 'DemandAddresseesChanged':
      return {
        ...none,
        label: 'Destinataires modifiés',
        detail: (Array.isArray(data.addressees) ? data.addressees : [])
          .map((a) => addresseeText(a, units))
          .join(' ; '),
      };
    case 'DemandLinkedToObservation':
      return { ...none, label: 'Rattachée à un constat de visite' };
    case 'DemandUnlinkedFromObservation':
      return { ...none, label: 'Détachée d’un constat de visite' };
    case 'DemandSubmitted':
      return {
        label: `Adressée à ${addresseeText(data.addressee, units)}`,
        detail: `réponse attendue pour le ${frDate(str(data.responseDueAt))}`,
        quote: null,
        source:
          label(CHANNEL_LABELS, str(data.channel)) +
          (data.meetingId
            ? (() => {
                const m = meetings.get(str(data.meetingId));
                return m ? ` (${m.instanceName}, séance du ${frDate(dayOfMeeting(m))})` : '';
              })()
            : ''),
      };
    case 'ReminderSent':
      return {
        label: 'Relance',
        detail: data.responseDueAt ? `nouvelle échéance : ${frDate(str(data.responseDueAt))}` : null,
        quote: null,
        source: label(CHANNEL_LABELS, str(data.channel)),
      };
    case 'ManagementAcknowledged':
      return {
        ...none,
        label: 'Accusé de réception de la direction',
        detail: data.note ? redact(str(data.note)) : null,
      };
    case 'ManagementResponseReceived':
      return {
        label: `Réponse de la direction : ${label(STANCE_LABELS, str(data.stance))}`,
        detail: data.newDueAt ? `réponse définitive attendue pour le ${frDate(str(data.newDueAt))}` : null,
        quote: { text: redact(str(data.text)), authorRole: str(data.authorRole) || 'direction' },
        source: [
          label(CHANNEL_LABELS, str(data.channel)),
          str(data.documentRef) ? describeSource(str(data.documentRef)) : '',
        ]
          .filter(Boolean)
          .join(', '),
      };
    case 'CommitmentMade':
      return {
        ...none,
        label: `Engagement de la direction (${str(data.owner)})`,
        detail:
          `«\u00a0${redact(str(data.deliverable))}\u00a0» pour le ${frDate(str(data.dueAt))}` +
          (data.acceptanceCriterion ? ` ; critère : ${redact(str(data.acceptanceCriterion))}` : ''),
      };
    case 'CommitmentRescheduled':
      return {
        ...none,
        label: 'Engagement reporté',
        detail: `du ${frDate(str(data.previousDueAt))} au ${frDate(str(data.newDueAt))} ; motif : ${redact(str(data.reason))}`,
      };
    case 'ProgressReported':
      return {
        ...none,
        label: `Avancement : ${String(data.percent)} %`,
        detail: redact(str(data.note)) || null,
      };
    case 'DemandVerified': {
      const evidence = data.evidence as { reference?: string; description?: string } | undefined;
      const finding = {
        met: 'satisfaite',
        partly_met: 'partiellement satisfaite',
        not_met: 'non satisfaite',
      }[str(data.finding)];
      return {
        label: `Vérification : ${finding ?? str(data.finding)}`,
        detail: evidence?.description ? redact(evidence.description) : null,
        quote: null,
        source: evidence?.reference ? describeSource(evidence.reference) : null,
      };
    }
    case 'DemandSatisfied':
      return { ...none, label: 'Clôturée : satisfaite', detail: data.note ? redact(str(data.note)) : null };
    case 'DemandPartiallySatisfied':
      return {
        ...none,
        label: 'Clôturée : partiellement satisfaite',
        detail: data.note ? redact(str(data.note)) : null,
      };
    case 'DemandRefused':
      return { ...none, label: 'Clôturée : refusée', detail: data.reason ? redact(str(data.reason)) : null };
    case 'DemandAbandoned':
      return {
        ...none,
        label: 'Abandonnée par l’OS',
        detail: [str(data.reason), data.note ? redact(str(data.note)) : ''].filter(Boolean).join(' : '),
      };
    case 'DemandMerged':
      return { ...none, label: 'Fusionnée dans une autre revendication' };
    case 'DemandReopened':
      return { ...none, label: 'Rouverte', detail: redact(str(data.reason)) || null };
    case 'DemandEscalated':
      return {
        ...none,
        label: `Portée au niveau ${label(LEVEL_LABELS, str(data.toLevel))}`,
        detail: redact(str(data.reason)) || null,
      };
    case 'ResponseDeadlineMissed':
      return {
        ...none,
        label: `Échéance de réponse du ${frDate(str(data.dueAt))} dépassée (constat automatique)`,
      };
    case 'CommitmentDeadlineMissed':
      return {
        ...none,
        label: `Échéance d’engagement du ${frDate(str(data.dueAt))} dépassée (constat automatique)`,
      };
    default:
      return null;
  }
};

/** The state at the end of `day`, and the day of the last status change after it. */
const statusesAround = (
  history: DemandInput['history'],
  day: string,
): { before: DemandState; lastChange: string | null } => {
  let state: DemandState = initialDemand();
  let before: DemandState = state;
  let lastChange: string | null = null;
  for (const e of history) {
    const previous = state.status;
    state = evolveDemand(state, { type: e.type, data: e.data } as unknown as DemandEvent);
    const at = dayOf(e.occurredAt ?? e.recordedAt);
    if (at <= day) before = state;
    else if (state.status !== previous) lastChange = e.occurredAt ?? e.recordedAt;
  }
  return { before, lastChange };
};

/** "Depuis la dernière instance": what changed for each demand after `since` (the previous meeting's day). */
const deltaSince = (
  since: string,
  rows: { input: DemandInput; row: SummaryRow }[],
  input: DossierInput,
  meeting: Meeting,
  instanceMeetings: Meeting[],
  redact: (text: string) => string,
): DeltaEntry[] => {
  const entries: DeltaEntry[] = [];
  const today = dayOf(input.asOf);
  for (const { input: d, row } of rows) {
    const demand = d.state;
    const { before, lastChange } = statusesAround(d.history, since);
    const base = { demandId: demand.demandId, title: row.title };
    if (before.status === 'INITIAL' && isTerminal(demand.status)) {
      entries.push({
        ...base,
        date: demand.closedAt ?? demand.lastEventAt,
        kind: 'closed',
        text: `Nouvelle revendication (soulevée le ${frDate(demand.raisedAt ?? demand.draftedAt)}), à la date d’arrêt «\u00a0${row.statusLabel}\u00a0»`,
      });
    } else if (before.status === 'INITIAL') {
      entries.push({
        ...base,
        date: demand.raisedAt ?? demand.draftedAt ?? input.asOf,
        kind: 'new',
        text: `Nouvelle revendication (${row.explicit ? 'explicite' : 'implicite'}), à la date d’arrêt «\u00a0${row.statusLabel}\u00a0»`,
      });
    } else if (before.status !== demand.status) {
      entries.push({
        ...base,
        date: lastChange ?? demand.lastEventAt,
        kind: isTerminal(demand.status) ? 'closed' : 'status',
        text: `Statut : ${label(STATUS_LABELS, before.status)} → ${row.statusLabel}`,
      });
    }
    for (const e of d.history) {
      const day = dayOf(e.occurredAt ?? e.recordedAt);
      if (day <= since) continue;
      if (e.type === 'ManagementResponseReceived') {
        entries.push({
          ...base,
          date: str(e.data.respondedAt) || day,
          kind: 'answer',
          text: `Réponse de la direction (${str(e.data.authorRole)}, ${label(CHANNEL_LABELS, str(e.data.channel))}) : ${label(STANCE_LABELS, str(e.data.stance))} — «\u00a0${redact(str(e.data.text))}\u00a0»`,
        });
      } else if (e.type === 'CommitmentMade') {
        entries.push({
          ...base,
          date: day,
          kind: 'commitment',
          text: `Engagement : «\u00a0${redact(str(e.data.deliverable))}\u00a0» pour le ${frDate(str(e.data.dueAt))}`,
        });
      } else if (e.type === 'CommitmentRescheduled') {
        entries.push({
          ...base,
          date: day,
          kind: 'commitment',
          text: `Engagement reporté du ${frDate(str(e.data.previousDueAt))} au ${frDate(str(e.data.newDueAt))}`,
        });
      }
    }
    if (!isTerminal(demand.status)) {
      const due = demand.responseDueAt;
      if (due && row.flags.includes('response') && dayOf(due) > since) {
        entries.push({
          ...base,
          date: due,
          kind: 'deadline',
          text: `Échéance de réponse du ${frDate(due)} dépassée sans réponse`,
        });
      }
      for (const c of demand.commitments) {
        if (c.status !== 'open' || dayOf(c.dueAt) <= since || dayOf(c.dueAt) >= today) continue;
        entries.push({
          ...base,
          date: c.dueAt,
          kind: 'deadline',
          text: `Engagement «\u00a0${redact(c.deliverable)}\u00a0» dû le ${frDate(c.dueAt)} non tenu`,
        });
      }
    }
  }
  // Meetings of the instance: follow-ups to avis received, or not, within the rule's months.
  for (const m of instanceMeetings) {
    if (m.meetingId === meeting.meetingId) continue;
    for (const f of m.followUps) {
      if (f.receivedOn <= since) continue;
      const item = m.items.find((i) => i.itemId === f.itemId);
      entries.push({
        demandId: null,
        title: item?.kind === 'agenda_item' ? redact(item.title) : f.itemId,
        date: f.receivedOn,
        kind: 'meeting',
        text: `Suites données à l’avis (séance du ${frDate(dayOfMeeting(m))}) reçues le ${frDate(f.receivedOn)}`,
      });
    }
    for (const d of meetingDeadlinesAt(m, input.rules, input.asOf)) {
      if (d.status !== 'overdue') continue;
      if (d.kind === 'avis_follow_up') {
        entries.push({
          demandId: null,
          title: redact(d.itemTitle),
          date: d.dueAt,
          kind: 'meeting',
          text: `Suites données à l’avis du ${frDate(d.votedOn)} non reçues dans les ${input.rules.avisFollowUpMonths} mois (dues le ${frDate(d.dueAt)})`,
        });
      } else if (d.kind === 'minutes') {
        entries.push({
          demandId: null,
          title: `${m.instanceName}, séance du ${frDate(d.heldOn)}`,
          date: d.dueAt,
          kind: 'meeting',
          text: `Procès-verbal non reçu (dû le ${frDate(d.dueAt)})`,
        });
      }
    }
  }
  return entries.sort(
    (a, b) => compare(dayOf(a.date), dayOf(b.date)) || compare(a.demandId ?? '', b.demandId ?? ''),
  );
};

const frNumber = (x: number): string => String(Math.round(x * 10) / 10).replace('.', ',');
const frRange = (r: NumericRange | null): string =>
  r === null ? 'non renseigné' : r.min === r.max ? frNumber(r.min) : `${frNumber(r.min)}–${frNumber(r.max)}`;
const signedRange = (r: NumericRange | null): string => {
  if (r === null) return 'non renseigné';
  const sign = (x: number) => (x > 0 ? `+${frNumber(x)}` : frNumber(x));
  return r.min === r.max ? sign(r.min) : `${sign(r.min)} à ${sign(r.max)}`;
};

const roleStaffing = (ratio: RoleRatio) => ({
  role: ratio.role,
  headcount: ratio.headcount === null ? 'non renseigné' : String(ratio.headcount),
  active: ratio.activeHeadcount === null ? 'non renseigné' : String(ratio.activeHeadcount),
  peoplePerAgent: frRange(ratio.peoplePerAgent),
  reference: ratio.reference,
  needed: frRange(ratio.neededEtp),
  gap: signedRange(ratio.gapEtp),
});

/** Where the annex's reference ratios come from, in French: the DAP's OR, or the organisation's recorded source. */
const referenceRatiosOrigin = (input: DossierInput): string => {
  const { cpipPerPeople, asePerPeople } = input.referenceRatios;
  const ratios = `1 CPIP (ETP) pour ${cpipPerPeople} personnes suivies, 1 ASE pour ${asePerPeople} personnes sous surveillance électronique`;
  return input.referenceRatiosSource === null
    ? `organigrammes de référence (OR) de la DAP : ${ratios}`
    : `ratios de référence fixés par l’organisation (source : ${input.referenceRatiosSource}) : ${ratios}`;
};

const staffingAnnex = (input: DossierInput): StaffingAnnex[] => {
  const origin = input.referenceRatiosSource === null ? 'default' : 'organisation';
  const label = referenceLabel(origin, input.referenceRatiosSource);
  const byAntenna = new Map(input.staffing.map((s) => [s.antennaId, s]));
  const antennaIds = input.perimeter.antennaIds
    ? input.perimeter.antennaIds.filter((id) => input.units.get(id)?.kind === 'ANTENNA' || byAntenna.has(id))
    : [...new Set([...input.demands.map((d) => d.state.antennaId), ...byAntenna.keys()])].sort();
  return antennaIds.map((antennaId) => {
    const snapshot = byAntenna.get(antennaId);
    const antennaName = input.units.get(antennaId)?.name ?? antennaId;
    if (!snapshot) return { antennaId, antennaName, snapshot: null };
    const ratios = computeStaffingRatios(snapshot, input.referenceRatios, { cpip: label, ase: label });
    return {
      antennaId,
      antennaName,
      snapshot: {
        snapshotId: snapshot.snapshotId,
        asOf: snapshot.asOf,
        illustrative: snapshot.illustrative,
        roles: [roleStaffing(ratios.cpip), roleStaffing(ratios.ase)],
        notes: snapshot.lines
          .filter((l) => l.note && !((l.vacancies ?? 0) > 0))
          .map((l) => `${l.scope ? `${l.role} (${l.scope})` : l.role} : ${l.note ?? ''}`),
        vacancies: snapshot.lines
          .filter((l) => (l.vacancies ?? 0) > 0)
          .map((l) => ({
            role: l.scope ? `${l.role} (${l.scope})` : l.role,
            vacancies: l.vacancies ?? 0,
            note: l.note ?? null,
          })),
        assumptions: ratios.assumptions,
      },
    };
  });
};

const complianceOf = (
  m: Meeting,
  current: boolean,
  input: DossierInput,
  redact: (text: string) => string,
): MeetingCompliance => {
  const asOf = input.asOf;
  const today = dayOf(asOf);
  const c = m.convocation;
  const deadlines = meetingDeadlinesAt(m, input.rules, asOf);
  const minutesDue = m.heldOn ? addMonths(m.heldOn, input.rules.minutesMonths) : null;
  const { minutes } = m;
  const lastDraft = minutes.drafts[minutes.drafts.length - 1] ?? null;
  let minutesText: string;
  let minutesOverdue = false;
  if (m.status !== 'HELD' || !minutesDue) minutesText = 'séance non tenue : PV pas encore dû';
  else if (minutes.status === 'AWAITED') {
    minutesOverdue = minutesDue < today;
    minutesText = `PV non reçu (aucun PV enregistré) ; dû le ${frDate(minutesDue)}${minutesOverdue ? ' : en retard' : ''}`;
  } else if (minutes.status === 'APPROVED') {
    minutesText = `PV approuvé le ${frDate(minutes.approvedOn)}${lastDraft ? ` (reçu le ${frDate(lastDraft)})` : ''}`;
  } else if (minutes.status === 'CONTESTED') {
    minutesText = `PV contesté (${minutes.contestations.map((x) => frDate(x.contestedOn)).join(', ')})`;
  } else {
    minutesText = `PV reçu le ${frDate(lastDraft)}${lastDraft && minutesDue && lastDraft > minutesDue ? ' (en retard)' : ''}, non encore approuvé`;
  }
  const itemTitle = (itemId: string): string => {
    const item = m.items.find((i) => i.itemId === itemId);
    return redact(item ? (item.kind === 'agenda_item' ? item.title : item.text) : itemId);
  };
  const avisFollowUps = m.items
    .filter((i) => i.kind === 'agenda_item' && latestVoteOn(m, i.itemId))
    .map((i) => {
      const vote = latestVoteOn(m, i.itemId);
      const received = followUpOf(m, i.itemId);
      const pending = deadlines.find((d) => d.kind === 'avis_follow_up' && d.itemId === i.itemId);
      const avis = vote ? label(AVIS_LABELS, vote.avis) : '';
      return received
        ? {
            item: itemTitle(i.itemId),
            text: `${avis} du ${frDate(vote?.votedOn)} : suites reçues le ${frDate(received.receivedOn)}`,
            overdue: false,
          }
        : {
            item: itemTitle(i.itemId),
            text: `${avis} du ${frDate(vote?.votedOn)} : suites attendues pour le ${frDate(pending && pending.kind === 'avis_follow_up' ? pending.dueAt : null)}${pending?.status === 'overdue' ? ' — en retard' : ''}`,
            overdue: pending?.status === 'overdue',
          };
    });
  const redeliberations = deadlines
    .filter((d) => d.kind === 'redeliberation')
    .map((d) => ({
      item: d.kind === 'redeliberation' ? redact(d.itemTitle) : '',
      text:
        d.kind === 'redeliberation'
          ? `vote unanime contre le ${frDate(d.votedOn)} : nouvelle délibération entre le ${frDate(d.from)} et le ${frDate(d.to)}${d.status === 'overdue' ? ' — délai dépassé' : d.status === 'open' ? ' — fenêtre ouverte' : ''}`
          : '',
      overdue: d.status === 'overdue',
    }));
  return {
    meetingId: m.meetingId,
    date: dayOfMeeting(m),
    current,
    status: m.status === 'HELD' ? 'tenue' : 'convoquée',
    convocation: c
      ? `reçue le ${frDate(c.receivedOn)} (due le ${frDate(c.dueBy)}, préavis de ${c.noticeDays} jours${c.urgent ? ', urgence' : ''})` +
        (c.lateDays > 0 ? ` : ${plural(c.lateDays, 'jour', 'jours')} de retard` : ' : dans les délais')
      : 'non enregistrée',
    convocationLate: (c?.lateDays ?? 0) > 0,
    documents: m.documents.map(
      (d) =>
        `${redact(d.title)} : reçu le ${frDate(d.receivedOn)}` +
        (d.lateDays > 0 ? ` (${plural(d.lateDays, 'jour', 'jours')} de retard)` : ' (dans les délais)'),
    ),
    lateDocuments: m.documents.filter((d) => d.lateDays > 0).length,
    minutes: minutesText,
    minutesOverdue,
    avisFollowUps,
    redeliberations,
    refusedMandatoryItems: m.items
      .filter((i) => i.kind === 'agenda_item' && i.mandatory && i.status === 'REFUSED')
      .map((i) => itemTitle(i.itemId)),
  };
};
