import { type DossierWorkspace } from '../../dossiers/compose-dossier/get-dossier-workspace.handler.js';
import { MAX_SUGGESTED_QUESTIONS } from '../../dossiers/domain/build-dossier.js';
import { type FieldError, type FormState, formState } from '../forms/form.js';
import { agree, frDate, frDateTime, plural } from '../i18n/fr.js';

/**
 * The dossier's composition page (issue 11): the demands in scope to pick and order, the suggested questions
 * diverses, the draft déclaration liminaire with the recorded source of each paragraph, the names found and what
 * redaction masks, then the issue and the issued dossiers. Pure: built from the workspace query.
 */

/** Field names of the composition form (one set per demand: the ids are safe in a name, see ComposeDossierRequest). */
export const pickField = (demandId: string): string => `choisir-${demandId}`;
export const rankField = (demandId: string): string => `rang-${demandId}`;
export const questionField = (demandId: string): string => `question-${demandId}`;
export const LIMINAIRE_FIELD = 'liminaire';

const MAX_PARAGRAPHS = 30;
const MAX_PARAGRAPH_LENGTH = 4000;
const MAX_RANK = 999;

type Demand = DossierWorkspace['proposal']['demands'][number];

export type CompositionRow = {
  id: string;
  title: string;
  /** Where it comes from and where it stands: "ALIP MO de Béthune · soumise, en retard". */
  meta: string;
  overdue: boolean;
  href: string;
  /** The question to ask, and why it is suggested. */
  question: string;
  channel: string;
  reason: string;
  suggested: boolean;
  picked: boolean;
  rank: string;
  asQuestion: boolean;
  fields: { pick: string; rank: string; question: string };
  rankError: string | null;
  questionError: string | null;
};

export type SourcedParagraph = {
  text: string;
  byOfficer: boolean;
  sources: { label: string; href: string | null }[];
};

export type CompositionPage = {
  id: string;
  title: string;
  meetingHref: string;
  arreteAu: string;
  rows: CompositionRow[];
  /** Draft paragraphs and their sources: where each sentence of the pre-filled statement comes from. */
  draft: SourcedParagraph[];
  /** Whether the textarea holds the officer's own text (not the generated draft). */
  liminaireByOfficer: boolean;
  names: { name: string; occurrences: string; masked: boolean; verdict: string }[];
  namesSummary: string;
  composition: {
    composedAt: string;
    demands: { title: string; asQuestion: boolean }[];
    /** The statement as the officer wrote it, when not the generated one. */
    liminaire: string[] | null;
    summary: string;
    issuedAlready: number | null;
  } | null;
  issues: {
    number: number;
    label: string;
    detail: string;
    links: { pdf: string; html: string; docx: string; csv: string };
  }[];
  forms: {
    key: string;
    revision: number;
    compose: FormState;
    issue: FormState;
    maxQuestions: number;
  } | null;
  /** Why there is no form, when there is none. */
  readOnly: string | null;
};

const demandHref = (id: string): string => `/revendications/${encodeURIComponent(id)}`;

/** The texts of paragraphs as the textarea shows them: one blank line between two paragraphs. */
export const paragraphsText = (paragraphs: readonly string[]): string => paragraphs.join('\n\n');

/** The paragraphs of the textarea: separated by blank lines, each trimmed, spaces within a line kept. */
export const paragraphsOf = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

const normalised = (paragraphs: readonly string[]): string =>
  paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).join('\n');

/** The generated draft the page offers: on the composed demands when there is a composition, else the proposal's. */
const draftOf = (w: DossierWorkspace) => w.proposal.composedLiminaire ?? w.proposal.liminaire;

/** The form's values as first shown: the composition if there is one, else the proposal (everything, suggestions). */
export const initialValues = (w: DossierWorkspace): Record<string, string> => {
  const values: Record<string, string> = {};
  const composed = w.composition;
  for (const [index, d] of orderedDemands(w).entries()) {
    const picked = composed ? composed.demandIds.includes(d.demandId) : true;
    if (picked) values[pickField(d.demandId)] = 'oui';
    values[rankField(d.demandId)] = String(index + 1);
    const asQuestion = composed ? composed.questionDemandIds.includes(d.demandId) : d.suggested;
    if (asQuestion) values[questionField(d.demandId)] = 'oui';
  }
  values[LIMINAIRE_FIELD] = paragraphsText(
    composed?.liminaire ?? draftOf(w).map((paragraph) => paragraph.text),
  );
  return values;
};

/** The demands in the order the page lists them: the composed ones in their order, then the others. */
const orderedDemands = (w: DossierWorkspace): Demand[] => {
  const composed = w.composition?.demandIds ?? [];
  const byId = new Map(w.proposal.demands.map((d) => [d.demandId, d]));
  const first = composed.flatMap((id) => {
    const d = byId.get(id);
    return d ? [d] : [];
  });
  return [...first, ...w.proposal.demands.filter((d) => !composed.includes(d.demandId))];
};

export type ReadComposition = {
  demandIds: string[];
  questionDemandIds: string[];
  /** null: keep the generated draft (unchanged, or emptied), with its sources. */
  liminaire: string[] | null;
  errors: FieldError[];
};

/**
 * Reads the posted composition: the ticked demands ordered by their rank (ties in the page's order), the ticked
 * questions diverses, and the statement (null when it is the generated draft as shown, or left empty). French
 * messages per field for what cannot be recorded.
 */
export const readComposition = (
  w: DossierWorkspace,
  values: Readonly<Record<string, string>>,
): ReadComposition => {
  const errors: FieldError[] = [];
  const picked: { id: string; rank: number; index: number }[] = [];
  const questions: string[] = [];
  for (const [index, d] of orderedDemands(w).entries()) {
    const isPicked = values[pickField(d.demandId)] !== undefined;
    const asQuestion = values[questionField(d.demandId)] !== undefined;
    if (isPicked) {
      const raw = (values[rankField(d.demandId)] ?? '').trim();
      const rank = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!(rank >= 1 && rank <= MAX_RANK))
        errors.push({
          field: rankField(d.demandId),
          message: `Rang de « ${d.title} » : indiquez un nombre entier de 1 à ${MAX_RANK}`,
        });
      picked.push({ id: d.demandId, rank: Number.isNaN(rank) ? MAX_RANK + 1 : rank, index });
    }
    if (asQuestion) {
      if (!isPicked)
        errors.push({
          field: questionField(d.demandId),
          message: `« ${d.title} » : une question diverse ne porte que sur une revendication cochée pour le dossier`,
        });
      questions.push(d.demandId);
    }
  }
  if (picked.length === 0)
    errors.push({ field: 'demandes', message: 'Cochez au moins une revendication à mettre dans le dossier' });
  if (questions.length > MAX_SUGGESTED_QUESTIONS)
    errors.push({
      field: 'questions',
      message: `Retenez au plus ${plural(MAX_SUGGESTED_QUESTIONS, 'question diverse', 'questions diverses')} : une séance n’en prend qu’une poignée`,
    });
  const demandIds = picked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((p) => p.id);
  // Questions in the dossier's order.
  const questionDemandIds = demandIds.filter((id) => questions.includes(id));

  const paragraphs = paragraphsOf(values[LIMINAIRE_FIELD] ?? '');
  if (paragraphs.length > MAX_PARAGRAPHS)
    errors.push({
      field: LIMINAIRE_FIELD,
      message: `La déclaration doit compter au plus ${MAX_PARAGRAPHS} paragraphes (séparés par une ligne vide)`,
    });
  else if (paragraphs.some((p) => p.length > MAX_PARAGRAPH_LENGTH))
    errors.push({
      field: LIMINAIRE_FIELD,
      message: 'Chaque paragraphe de la déclaration doit compter au plus 4 000 caractères',
    });
  const draft = draftOf(w).map((p) => p.text);
  const unchanged = paragraphs.length === 0 || normalised(paragraphs) === normalised(draft);
  return { demandIds, questionDemandIds, liminaire: unchanged ? null : paragraphs, errors };
};

const issueLinks = (meetingId: string, issue: number) => {
  const base = `/api/meetings/${encodeURIComponent(meetingId)}/dossier/issues/${issue}/dossier`;
  return { pdf: `${base}.pdf`, html: `${base}.html`, docx: `${base}.docx`, csv: `${base}.csv` };
};

export type CompositionAccess = {
  /** An officer or an admin (observers read only). */
  canWrite: boolean;
};

export const compositionPage = (
  w: DossierWorkspace,
  meeting: { title: string },
  access: CompositionAccess,
  forms: { key: string; compose?: FormState; issue?: FormState },
): CompositionPage => {
  const compose = forms.compose ?? formState('composer', initialValues(w));
  const values = compose.values;
  const errorOf = (field: string): string | null =>
    compose.errors.find((e) => e.field === field)?.message ?? null;
  const rows: CompositionRow[] = orderedDemands(w).map((d) => ({
    id: d.demandId,
    title: d.title,
    meta: `${d.antennaName} · ${d.statusLabel.toLowerCase()}${d.overdue ? ', en retard' : ''}`,
    overdue: d.overdue,
    href: demandHref(d.demandId),
    question: d.question,
    channel: d.questionChannel,
    reason: d.questionReason,
    suggested: d.suggested,
    picked: values[pickField(d.demandId)] !== undefined,
    rank: values[rankField(d.demandId)] ?? '',
    asQuestion: values[questionField(d.demandId)] !== undefined,
    fields: { pick: pickField(d.demandId), rank: rankField(d.demandId), question: questionField(d.demandId) },
    rankError: errorOf(rankField(d.demandId)),
    questionError: errorOf(questionField(d.demandId)),
  }));
  const draft = draftOf(w).map((p) => ({
    text: p.text,
    byOfficer: p.byOfficer,
    sources: p.sources.map((s) => ({
      label: s.ref ? `${s.ref.replace(/\u00a0/g, ' ')} — ${s.label}` : s.label,
      href: s.demandId ? demandHref(s.demandId) : null,
    })),
  }));
  const masked = w.names.filter((n) => n.masked).length;
  const visible = w.names.length - masked;
  const titles = new Map(w.proposal.demands.map((d) => [d.demandId, d.title]));
  const c = w.composition;
  const lastIssue = w.issues[w.issues.length - 1];
  const writable = access.canWrite && w.withinSections;
  return {
    id: w.meetingId,
    title: meeting.title,
    meetingHref: `/instances/${encodeURIComponent(w.meetingId)}`,
    arreteAu: frDate(w.proposal.arreteAu),
    rows,
    draft,
    liminaireByOfficer: !!c?.liminaire && forms.compose === undefined,
    names: w.names.map((n) => ({
      name: n.name,
      occurrences: plural(n.occurrences, 'occurrence', 'occurrences'),
      masked: n.masked,
      verdict: n.masked ? 'sera masqué' : 'restera lisible',
    })),
    namesSummary:
      w.names.length === 0
        ? 'Aucun nom de personne trouvé dans les textes du dossier.'
        : `${plural(w.names.length, 'nom trouvé', 'noms trouvés')} dans les textes du dossier : ` +
          (visible === 0
            ? `${agree(masked, 'il sera masqué', 'tous seront masqués')}.`
            : `${plural(masked, 'sera masqué', 'seront masqués')}, ${plural(visible, 'restera lisible', 'resteront lisibles')}.`),
    composition: c
      ? {
          composedAt: frDateTime(c.composedAt),
          demands: c.demandIds.map((id) => ({
            title: titles.get(id) ?? 'revendication hors du périmètre à cette date',
            asQuestion: c.questionDemandIds.includes(id),
          })),
          liminaire: c.liminaire,
          summary:
            `${plural(c.demandIds.length, 'revendication', 'revendications')}, ` +
            `${plural(c.questionDemandIds.length, 'question diverse', 'questions diverses')}, ` +
            (c.liminaire
              ? 'déclaration liminaire rédigée par l’OS'
              : 'déclaration liminaire générée (sources jointes)'),
          issuedAlready:
            lastIssue && Date.parse(lastIssue.generatedAt) >= Date.parse(c.composedAt)
              ? lastIssue.issue
              : null,
        }
      : null,
    issues: [...w.issues].reverse().map((i) => ({
      number: i.issue,
      label: `Dossier n° ${i.issue}, émis le ${frDateTime(i.generatedAt)}`,
      detail: `Données arrêtées au ${frDate(i.arreteAu)} · empreinte ${i.digest.slice(0, 12)}…`,
      links: issueLinks(w.meetingId, i.issue),
    })),
    forms: writable
      ? {
          key: forms.key,
          revision: w.revision,
          compose,
          issue: forms.issue ?? formState('emettre'),
          maxQuestions: MAX_SUGGESTED_QUESTIONS,
        }
      : null,
    readOnly: writable
      ? null
      : access.canWrite
        ? 'Cette instance est hors de vos sections : vous pouvez consulter la composition et les dossiers émis, pas les modifier.'
        : 'Consultation seule : composer et émettre le dossier est réservé aux délégué·es et aux administrateurs.',
  };
};
