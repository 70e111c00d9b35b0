import type { Meeting } from '../../meetings/domain/meeting.js';
import type {
  DemandInput,
  DossierInput,
  LiminaireParagraph,
  MeetingCompliance,
  SummaryRow,
} from './dossier.model.js';
import { agree, count, frDate } from './french.js';

/**
 * The draft déclaration liminaire: every sentence states a count or a fact of recorded events and carries them
 * as its sources (the demands, a meeting). Nothing is said of what was not recorded: no "not sent in time" for
 * minutes nobody recorded, no number of antennas the store does not hold. The officer edits it when composing.
 */
type Row = { input: DemandInput; row: SummaryRow };

const refs = (rows: readonly Row[]): string => rows.map((r) => r.row.ref).join(', ');

const sourcesOf = (rows: readonly Row[]): LiminaireParagraph['sources'] =>
  rows.map((r) => ({ demandId: r.row.demandId, ref: r.row.ref, label: r.row.title }));

export const liminaireOf = ({
  rows,
  compliance,
  meeting,
  input,
  meetingDay,
}: {
  rows: readonly Row[];
  compliance: readonly MeetingCompliance[];
  meeting: Meeting;
  input: DossierInput;
  meetingDay: string;
}): LiminaireParagraph[] => {
  const open = rows.filter((r) => !r.row.closed);
  const late = open.filter((r) => r.row.flags.includes('response'));
  const broken = open.filter((r) => r.row.flags.includes('commitment'));
  const paragraphs: LiminaireParagraph[] = [];
  const say = (text: string, sources: LiminaireParagraph['sources']) =>
    paragraphs.push({ text, sources, byOfficer: false });

  say(
    `Pour cette séance du ${frDate(meetingDay)}, ${input.union} suit ` +
      `${count(open.length, { zero: 'aucune revendication ouverte', one: 'revendication ouverte', other: 'revendications ouvertes' })} ` +
      `sur le périmètre suivant : ${input.perimeter.label}.`,
    sourcesOf(open),
  );
  if (late.length > 0) {
    say(
      `${count(late.length, { one: 'revendication a été adressée', other: 'revendications ont été adressées' })} ` +
        `à la direction sans qu’aucune réponse ne soit enregistrée à l’échéance (${refs(late)}).`,
      sourcesOf(late),
    );
  }
  if (broken.length > 0) {
    say(
      `${count(broken.length, { one: 'revendication porte', other: 'revendications portent' })} ` +
        `un engagement de la direction dont l’échéance est passée sans qu’il soit enregistré comme tenu (${refs(broken)}).`,
      sourcesOf(broken),
    );
  }
  for (const c of compliance) {
    if (c.meetingId === meeting.meetingId) continue;
    const overdue = c.avisFollowUps.filter((a) => a.overdue);
    if (overdue.length === 0) continue;
    say(
      `${agree(overdue.length, { one: 'L’avis rendu', other: 'Les avis rendus' })} lors de la séance du ${frDate(c.date)} ` +
        `${agree(overdue.length, { one: 'n’a', other: 'n’ont' })} reçu aucune suite écrite enregistrée dans le délai de ` +
        `${count(input.rules.avisFollowUpMonths, { one: 'mois', other: 'mois' })}.`,
      [{ demandId: null, ref: null, label: `séance du ${frDate(c.date)}` }],
    );
  }
  if (late.length + broken.length > 0) {
    const pending = open.filter((r) => late.includes(r) || broken.includes(r));
    say(
      `Nous demandons pour ${agree(pending.length, { one: 'cette revendication', other: 'ces revendications' })} ` +
        'une réponse écrite et datée.',
      sourcesOf(pending),
    );
  }
  return paragraphs;
};
