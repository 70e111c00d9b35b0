import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { DemandSheet, DossierModel, SummaryRow } from '../domain/dossier.model.js';
import { agree, count, frDate, frDateTime, frShortDate } from '../domain/french.js';
import { describeSource } from '../domain/sources.js';
import {
  A4,
  A4_LANDSCAPE,
  type Cell,
  type Column,
  GREY,
  NAVY,
  PdfFlow,
  type PdfFont,
  RED,
  type Rgb,
  WHITE,
  fontOf,
  wrap,
  writePages,
} from './pdf-layout.js';

/**
 * The dossier as a PDF (pdfkit, MIT): A4, the summary table on landscape pages, one sheet per demand starting on its
 * own page, bookmarks for every part and sheet. Text is set in Source Sans 3 (SIL Open Font License 1.1, npm
 * package `source-sans`), embedded as a subset: every character of French (é, œ, «\u00a0», ’, –, −, …) is encoded and
 * extractable. pdfkit's standard Helvetica covers only WinAnsi («\u00a0» ’ œ yes; − → ≥ and narrow spaces no).
 */
const require = createRequire(import.meta.url);
let fontFiles: { regular: Buffer; bold: Buffer; italic: Buffer } | undefined;
const fonts = () =>
  (fontFiles ??= {
    regular: readFileSync(require.resolve('source-sans/TTF/SourceSans3-Regular.ttf')),
    bold: readFileSync(require.resolve('source-sans/TTF/SourceSans3-Bold.ttf')),
    italic: readFileSync(require.resolve('source-sans/TTF/SourceSans3-It.ttf')),
  });

const LIGHT_RED: Rgb = [0.992, 0.925, 0.925];
const LIGHT_BLUE: Rgb = [0.953, 0.965, 0.98];
const LIGHT_AMBER: Rgb = [0.992, 0.965, 0.906];
const AMBER: Rgb = [0.718, 0.475, 0.122];

const q = (text: string): string => `«\u00a0${text}\u00a0»`;

type Fonts = { regular: PdfFont; bold: PdfFont; italic: PdfFont };

export const renderDossierPdf = async (model: DossierModel): Promise<Buffer> => {
  const m = model.meta;
  const title = `Dossier de suivi — ${m.instanceName} — séance du ${frDate(m.meetingDate)}`;
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: title,
      Author: m.union,
      Subject: `Suivi des revendications, données arrêtées au ${frDate(m.arreteAu)}`,
      Creator: 'Suivi des revendications',
      CreationDate: new Date(m.generatedAt),
    },
  });
  const files = fonts();
  doc.registerFont('regular', files.regular);
  doc.registerFont('bold', files.bold);
  doc.registerFont('italic', files.italic);
  const f: Fonts = {
    regular: fontOf(doc, 'regular'),
    bold: fontOf(doc, 'bold'),
    italic: fontOf(doc, 'italic'),
  };

  const small = { font: f.regular, size: 7.5, color: GREY };
  const head = `Dossier de suivi — ${m.instanceName} — séance du ${frDate(m.meetingDate)}`;
  const foot = `Données arrêtées au ${frDate(m.arreteAu)}${m.composed ? ' · dossier composé par l’OS' : ''}`;
  const flow = new PdfFlow(
    { top: 52, bottom: 46, left: 50, right: 50 },
    { font: f.regular, size: 9.5 },
    ({ index, size }, canvas) => {
      if (index > 0) {
        canvas.textAt(50, 24, head, small);
        canvas.textAt(size.width - 50 - f.regular.width(m.union, 7.5), 24, m.union, small);
        canvas.hline(50, size.width - 50, 36, [0.78, 0.81, 0.84], 0.5);
      }
      canvas.textAt(50, size.height - 30, foot, small);
      // "page i / n": n is known at the end only (a form XObject); room is kept for four digits.
      const x = size.width - 50 - f.regular.width('page 0000 / 0000', 7.5);
      const pageText = `page ${index + 1} / `;
      canvas.textAt(x, size.height - 30, pageText, small);
      canvas.pageCount(x + f.regular.width(pageText, 7.5), size.height - 30);
    },
    small,
  );
  cover(flow, f, model);
  summary(flow, f, model);
  delta(flow, f, model);
  model.sheets.forEach((s, i) => sheet(flow, f, s, i, model.sheets.length));
  staffing(flow, f, model);
  compliance(flow, f, model);
  questions(flow, f, model);
  integrity(flow, f, model);

  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  await writePages(doc, flow);
  doc.end();
  await done;
  return Buffer.concat(chunks);
};

const heading = (flow: PdfFlow, f: Fonts, text: string, size = 14): void => {
  flow.ensure(size * 3);
  flow.space(size * 0.4);
  flow.paragraph(text, { font: f.bold, size, color: NAVY, after: 2 });
  flow.hline(flow.left, flow.left + flow.width, flow.y, NAVY, 1.2);
  flow.space(size * 0.5);
};

const subheading = (flow: PdfFlow, f: Fonts, text: string): void => {
  flow.ensure(30);
  flow.space(4);
  flow.paragraph(text, { font: f.bold, size: 10.5, color: NAVY, after: 2 });
};

/** A tinted box with a bar on the left: the wrapped text must fit on one page. */
const box = (flow: PdfFlow, f: Fonts, title: string, text: string, fill: Rgb, bar: Rgb): void => {
  const style = flow.style();
  const lines = wrap(text, style, flow.width - 16);
  const headLines = wrap(title, { ...style, font: f.bold }, flow.width - 16);
  const leading = flow.leadingOf(style);
  const height = (lines.length + headLines.length) * leading + 12;
  flow.ensure(Math.min(height, flow.bottom - 60));
  flow.rect(flow.left, flow.y, flow.width, height, fill);
  flow.rect(flow.left, flow.y, 3, height, bar);
  let y = flow.y + 6;
  for (const line of headLines) {
    flow.textAt(flow.left + 10, y, line, { ...style, font: f.bold, color: NAVY });
    y += leading;
  }
  for (const line of lines) {
    flow.textAt(flow.left + 10, y, line, style);
    y += leading;
  }
  flow.y += height + 6;
};

const cover = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  const m = model.meta;
  flow.newPage(A4);
  flow.bookmark('Couverture');
  flow.space(40);
  flow.paragraph(`${m.union} · dossier de suivi des revendications`, { color: GREY, size: 10 });
  flow.space(6);
  flow.paragraph(`Dossier de suivi — ${m.instanceName}`, { font: f.bold, size: 22, color: NAVY });
  flow.paragraph(`Séance ${m.kind} du ${frDate(m.meetingDate)} (${m.meetingStatus})`, { size: 14 });
  flow.space(18);
  const row = (labelText: string, value: string) =>
    flow.labelled(`${labelText} :`, value, f.bold, { size: 10 });
  row('Instance', m.instanceName);
  row('Organisation syndicale', m.union);
  row('Délégué·es', '……………………………………………… (à compléter)');
  row('Périmètre', m.perimeter);
  row(
    'Instance précédente',
    m.previousMeeting ? `séance du ${frDate(m.previousMeeting.date)}` : 'aucune enregistrée',
  );
  if (m.sourceRef) row('Source de la séance', describeSource(m.sourceRef));
  row(
    'Données arrêtées au',
    `${frDate(m.arreteAu)} (faits survenus jusqu’à cette date ; retards et délais jugés à cette date)`,
  );
  row('Établi le', frDateTime(m.generatedAt));
  if (m.known === 'recorded') {
    row('Connaissance', 'telle qu’enregistrée à la date d’arrêt (les saisies postérieures sont écartées)');
  } else if (m.recordedAfterCutoff > 0) {
    row(
      'Saisies tardives',
      `${count(m.recordedAfterCutoff, { one: 'fait survenu', other: 'faits survenus' })} avant la date d’arrêt ` +
        `${agree(m.recordedAfterCutoff, { one: 'a été saisi', other: 'ont été saisis' })} après elle : ` +
        `${agree(m.recordedAfterCutoff, { one: 'il est inclus et marqué', other: 'ils sont inclus et marqués' })} ◊ dans les fiches.`,
    );
  }
  flow.space(10);
  const c = model.counts;
  flow.paragraph(
    `${count(c.open, { zero: 'Aucune revendication ouverte', one: 'revendication ouverte', other: 'revendications ouvertes' })} · ` +
      `${count(c.overdue, { zero: 'aucune en retard', one: 'en retard', other: 'en retard' })}` +
      (c.overdue > 0
        ? ` (${count(c.responseOverdue, { zero: 'aucune réponse attendue', one: 'réponse attendue', other: 'réponses attendues' })}, ` +
          `${count(c.commitmentOverdue, { zero: 'aucun engagement échu', one: 'engagement échu', other: 'engagements échus' })})`
        : '') +
      ` · ${count(c.closedSincePrevious, { zero: 'aucune clôturée', one: 'clôturée', other: 'clôturées' })} depuis la dernière instance`,
    { font: f.bold, size: 11, color: NAVY },
  );
  flow.space(8);
  box(
    flow,
    f,
    m.redaction === 'roles'
      ? 'Données personnelles masquées'
      : 'Export sans masquage (administrateur) : ne pas diffuser',
    m.redaction === 'roles'
      ? 'Les agents et les personnes suivies apparaissent par leur fonction ; les courriels et les noms de personnes, ' +
          `avec ou sans civilité, sont remplacés par « [nom masqué] »${model.names.length > 0 ? ` (${count(model.names.length, { one: 'nom trouvé', other: 'noms trouvés' })})` : ''}.`
      : 'Les noms et courriels des personnes apparaissent en clair.',
    LIGHT_AMBER,
    AMBER,
  );
  subheading(flow, f, 'Sommaire');
  [
    'Tableau de synthèse',
    `Depuis la dernière instance${model.delta.since ? ` (${frDate(model.delta.since)})` : ''}`,
    `Fiches par revendication (${model.sheets.length})`,
    'Annexe : effectifs et ratios de référence',
    'Annexe : retards et conformité de l’instance',
    'Projet de questions diverses et de déclaration liminaire',
    'Intégrité du dossier',
  ].forEach((t, i) => flow.paragraph(`${i + 1}. ${t}`, { indent: 8, after: 1 }));
};

const positionText = (row: SummaryRow): string =>
  row.lastPosition
    ? `${row.lastPosition.stanceLabel}, ${frShortDate(row.lastPosition.date)}, ${row.lastPosition.channelLabel}`
    : 'aucune';

const summary = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  flow.newPage(A4_LANDSCAPE);
  flow.bookmark('Tableau de synthèse');
  heading(flow, f, 'Tableau de synthèse');
  flow.paragraph(
    `Revendications ouvertes et clôturées depuis la dernière instance ; en retard d’abord, puis priorité haute, puis les plus anciennes. Échéances jugées au ${frDate(model.meta.asOf)}.`,
    { size: 8.5, color: GREY },
  );
  const columns: Column[] = [
    { title: 'Réf.', width: 52 },
    { title: 'Antenne', width: 70 },
    { title: 'Revendication', width: 176 },
    { title: 'Nature', width: 42 },
    { title: 'Cible', width: 98 },
    { title: 'Soulevée le', width: 46 },
    { title: 'Fois', width: 26 },
    { title: 'Dernière position de la direction', width: 90 },
    { title: 'Échéance engag.', width: 48 },
    { title: 'Statut', width: 60 },
    { title: 'Jours', width: 28 },
    { title: 'Retards', width: 56 },
  ];
  const body = { font: f.regular, size: 7, leading: 8.6 };
  flow.table(
    columns,
    model.summary.map((row) => {
      const muted: Partial<Cell['style']> = row.closed ? { color: GREY } : {};
      const cells: Cell[] = [
        { text: row.ref, style: { font: f.bold, ...muted } },
        { text: row.antennaName, style: muted },
        { text: row.title, style: muted },
        { text: row.explicit ? 'explicite' : 'implicite', style: muted },
        { text: row.targets, style: muted },
        { text: frShortDate(row.firstRaisedAt), style: muted },
        { text: String(row.timesAsked), style: muted },
        { text: positionText(row), style: muted },
        { text: frShortDate(row.commitmentDueAt), style: muted },
        {
          text: row.closed ? `${row.statusLabel} le ${frShortDate(row.closedAt)}` : row.statusLabel,
          style: muted,
        },
        { text: row.daysOpen === null ? '—' : String(row.daysOpen), style: muted },
        { text: row.flagLabels.join(', '), style: { font: f.bold, color: RED } },
      ];
      return { cells, ...(row.overdue ? { fill: LIGHT_RED } : {}) };
    }),
    { header: { font: f.bold, size: 7, color: WHITE, leading: 8.6 }, body, padding: 2.2 },
  );
};

const delta = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  flow.newPage(A4);
  const since = model.delta.since;
  flow.bookmark('Depuis la dernière instance');
  heading(flow, f, `Depuis la dernière instance${since ? ` (${frDate(since)})` : ''}`);
  if (since === null) {
    flow.paragraph(
      'Aucune séance précédente de cette instance n’est enregistrée : le tableau de synthèse retrace l’ensemble.',
    );
    return;
  }
  if (model.delta.entries.length === 0) {
    flow.paragraph('Aucun changement enregistré depuis la dernière séance.');
    return;
  }
  const refs = new Map(model.summary.map((r) => [r.demandId, r.ref]));
  for (const e of model.delta.entries) {
    flow.ensure(28);
    const ref = e.demandId ? refs.get(e.demandId) : undefined;
    flow.labelled(frDate(e.date), `${ref ? `${ref} · ` : ''}${e.title}`, f.bold, { size: 9 });
    flow.paragraph(e.text, { indent: 14, size: 9, color: e.kind === 'deadline' ? RED : undefined, after: 4 });
  }
};

const sheet = (flow: PdfFlow, f: Fonts, s: DemandSheet, index: number, total: number): void => {
  const row = s.row;
  flow.newPage(A4);
  if (index === 0) flow.bookmark('Fiches par revendication');
  flow.bookmark(`${row.ref} — ${row.title}`, 1);
  flow.paragraph(`Fiche ${index + 1} / ${total} · ${row.ref} · ${row.antennaName}`, {
    size: 8.5,
    color: GREY,
    after: 2,
  });
  flow.paragraph(row.title, { font: f.bold, size: 13, color: NAVY, after: 3 });
  flow.paragraph(
    `Statut : ${row.statusLabel} · ${s.category} · niveau ${row.level} · priorité ${row.priorityLabel} · ` +
      `ouverte depuis ${row.daysOpen === null ? '—' : count(row.daysOpen, { one: 'jour', other: 'jours' })} · ` +
      `demandée ${count(row.timesAsked, { zero: 'aucune fois', one: 'fois', other: 'fois' })}`,
    { size: 9, color: GREY, after: row.flagLabels.length > 0 ? 1 : 5 },
  );
  if (row.flagLabels.length > 0)
    flow.paragraph(row.flagLabels.join(' · '), { font: f.bold, size: 9, color: RED });

  subheading(flow, f, 'La demande, telle que formulée');
  flow.paragraph(
    `${row.title} (${row.explicit ? 'revendication explicite' : 'revendication implicite, déduite du constat'}).`,
  );
  if (s.description) flow.paragraph(s.description);
  if (s.quote) flow.paragraph(`Termes du rapport : ${q(s.quote)}`, { font: f.italic });
  flow.paragraph(
    `Cible : ${row.targets}${s.sourceLabel ? ` · source : ${s.sourceLabel}` : ''}` +
      `${s.observationCount > 0 ? ` · ${count(s.observationCount, { one: 'constat de visite', other: 'constats de visite' })}` : ''}` +
      `${s.illustrative ? ' · donnée illustrative' : ''}`,
    { size: 8.5, color: GREY },
  );

  subheading(flow, f, 'Fondement juridique ou de référence');
  if (s.legalBases.length === 0) flow.paragraph('Aucune référence enregistrée.', { color: GREY });
  s.legalBases.forEach((b) => {
    flow.paragraph(
      `${b.reference}${b.origin === 'officer' ? ' (ajout de l’OS, absent du document source)' : ' (cité par le document source)'}`,
      { indent: 6, bullet: '•', after: 1 },
    );
    if (b.text) flow.paragraph(q(b.text), { font: f.italic, indent: 14, size: 8.5, after: 2 });
  });

  subheading(flow, f, 'Chronologie, sources et paroles de la direction');
  for (const c of s.chronology) {
    flow.ensure(30);
    flow.labelled(frDate(c.date), c.label, f.bold, { size: 9 });
    if (c.detail) flow.paragraph(c.detail, { indent: 14, size: 8.5, after: 1 });
    if (c.quote) {
      flow.paragraph(`${q(c.quote.text)} — ${c.quote.authorRole}`, {
        font: f.italic,
        indent: 20,
        size: 9,
        bar: NAVY,
        after: 1,
      });
    }
    const source = [
      c.source ? `source : ${c.source}` : null,
      c.recorded,
      c.recordedAfterCutoff ? '◊ saisi après la date d’arrêt' : null,
    ]
      .filter(Boolean)
      .join(' · ');
    if (source) flow.paragraph(source, { indent: 14, size: 7.5, color: GREY, after: 3 });
  }

  subheading(flow, f, 'Engagements');
  if (s.commitments.length === 0) flow.paragraph('Aucun engagement enregistré.', { color: GREY });
  for (const c of s.commitments) {
    flow.paragraph(
      `«\u00a0${c.deliverable}\u00a0» (${c.owner}), pris le ${frDate(c.madeAt)}, pour le ${frDate(c.dueAt)} : ${c.status}` +
        `${c.progressPercent !== null ? `, ${c.progressPercent} %` : ''}${c.rescheduleCount > 0 ? `, reporté ${count(c.rescheduleCount, { one: 'fois', other: 'fois' })}` : ''}` +
        (c.overdue ? ' — en retard' : ''),
      { indent: 6, bullet: '•', color: c.overdue ? RED : undefined, after: 1 },
    );
  }
  flow.space(6);
  box(
    flow,
    f,
    `La question à poser aujourd’hui — ${s.question.channelLabel}${s.question.signaturesNeeded !== null ? ` (${s.question.signaturesNeeded} signatures de titulaires)` : ''}`,
    s.question.text,
    LIGHT_BLUE,
    NAVY,
  );
};

const staffing = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  flow.newPage(A4);
  flow.bookmark('Annexe : effectifs et ratios');
  heading(flow, f, 'Annexe : effectifs et ratios de référence');
  flow.paragraph(
    `Chiffres dérivés des instantanés d’effectifs enregistrés, comparés aux ${model.meta.referenceRatiosOrigin} ; les hypothèses de calcul sont imprimées sous chaque tableau.`,
    { size: 8.5, color: GREY },
  );
  if (model.staffing.length === 0) flow.paragraph('Aucune antenne dans le périmètre.', { color: GREY });
  for (const a of model.staffing) {
    if (!a.snapshot) {
      subheading(flow, f, a.antennaName);
      flow.paragraph('Aucun instantané d’effectifs enregistré.', { color: GREY });
      continue;
    }
    subheading(
      flow,
      f,
      `${a.antennaName} — effectifs au ${frDate(a.snapshot.asOf)}${a.snapshot.illustrative ? ' (illustratif)' : ''}`,
    );
    flow.table(
      [
        { title: 'Corps', width: 50 },
        { title: 'Effectif', width: 55 },
        { title: 'Actifs (ETP)', width: 65 },
        { title: 'Personnes par agent', width: 85 },
        { title: 'Référence', width: 70 },
        { title: 'ETP nécessaires', width: 80 },
        { title: 'Écart (ETP)', width: 90 },
      ],
      a.snapshot.roles.map((r) => ({
        cells: [
          { text: r.role, style: { font: f.bold } },
          { text: r.headcount },
          { text: r.active },
          { text: r.peoplePerAgent },
          { text: `1 pour ${r.reference}` },
          { text: r.needed },
          { text: r.gap, style: r.gap.startsWith('+') ? { font: f.bold, color: RED } : {} },
        ],
      })),
      { header: { font: f.bold, size: 8, color: WHITE }, body: { font: f.regular, size: 8.5 } },
    );
    if (a.snapshot.vacancies.length > 0) {
      flow.labelled(
        'Postes vacants :',
        a.snapshot.vacancies
          .map((v) => `${v.role} : ${v.vacancies}${v.note ? ` (${v.note})` : ''}`)
          .join(' ; '),
        f.bold,
        { size: 8.5 },
      );
    }
    if (a.snapshot.notes.length > 0) {
      flow.labelled('Précisions du relevé :', a.snapshot.notes.join(' ; '), f.bold, { size: 8.5 });
    }
    flow.paragraph('Hypothèses :', { font: f.bold, size: 8.5, after: 1 });
    a.snapshot.assumptions.forEach((x) =>
      flow.paragraph(x, { indent: 6, bullet: '•', size: 8, color: GREY, after: 1 }),
    );
  }
};

const compliance = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  const r = model.meta.rules;
  flow.newPage(A4);
  flow.bookmark('Annexe : retards et conformité');
  heading(flow, f, 'Annexe : retards et conformité de l’instance');
  flow.paragraph(
    `Règles appliquées (${model.meta.rulesOrigin}) : convocation et documents ${r.noticeDays} jours avant (${r.urgentNoticeDays} en cas d’urgence) ; ` +
      `PV transmis sous ${r.minutesMonths} mois ; suites données aux avis sous ${r.avisFollowUpMonths} mois ; nouvelle délibération ${r.redeliberationMinDays} à ${r.redeliberationMaxDays} jours après un vote unanime contre.`,
    { size: 8.5, color: GREY },
  );
  for (const c of model.compliance) {
    subheading(flow, f, `Séance du ${frDate(c.date)}${c.current ? ' (présente séance)' : ''} — ${c.status}`);
    const line = (labelText: string, text: string, late: boolean) =>
      flow.labelled(`${labelText} :`, text, f.bold, { size: 9, ...(late ? { color: RED } : {}) });
    line('Convocation', c.convocation, c.convocationLate);
    line(
      'Documents',
      c.documents.length === 0 ? 'aucun enregistré' : c.documents.join(' ; '),
      c.lateDocuments > 0,
    );
    line('Procès-verbal', c.minutes, c.minutesOverdue);
    c.avisFollowUps.forEach((a) => line(`Suites de l’avis sur «\u00a0${a.item}\u00a0»`, a.text, a.overdue));
    c.redeliberations.forEach((x) =>
      line(`Nouvelle délibération sur «\u00a0${x.item}\u00a0»`, x.text, x.overdue),
    );
    c.refusedMandatoryItems.forEach((t) => line('Point obligatoire refusé', `«\u00a0${t}\u00a0»`, true));
  }
  subheading(flow, f, 'Revendications en retard');
  const s = model.summary;
  const avis = s.filter((x) => x.flags.includes('avis_follow_up')).length;
  const deferred = s.filter((x) => x.flags.includes('deferred_twice')).length;
  flow.paragraph(
    `${count(model.counts.responseOverdue, { zero: 'Aucune réponse en retard', one: 'réponse en retard', other: 'réponses en retard' })} ; ` +
      `${count(model.counts.commitmentOverdue, { zero: 'aucun engagement en retard', one: 'engagement en retard', other: 'engagements en retard' })} ; ` +
      `${count(avis, { zero: 'aucune revendication dont les suites d’avis sont en retard', one: 'revendication dont les suites d’avis sont en retard', other: 'revendications dont les suites d’avis sont en retard' })} ; ` +
      `${count(deferred, { zero: 'aucune revendication', one: 'revendication', other: 'revendications' })} «\u00a0à l’étude\u00a0» deux fois ou plus.`,
  );
};

const questions = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  flow.newPage(A4);
  flow.bookmark('Projet de questions diverses');
  heading(flow, f, 'Projet de questions diverses');
  flow.paragraph(
    model.meta.composed
      ? 'Questions choisies par l’OS pour cette séance.'
      : 'Propositions (au plus cinq, hors revendications déjà inscrites à une séance de l’instance), à choisir et à relire avant envoi.',
    {
      size: 8.5,
      color: GREY,
    },
  );
  if (model.questionsDiverses.length === 0) flow.paragraph('Aucune question diverse proposée.');
  model.questionsDiverses.forEach((x, i) => {
    flow.ensure(44);
    flow.labelled(`${i + 1}.`, `${x.row.title} (${x.row.ref})`, f.bold, { font: f.bold, size: 9.5 });
    flow.paragraph(x.question.text, { indent: 14, after: 5 });
  });
  if (model.agendaItems.length > 0) {
    subheading(flow, f, 'Points à demander à l’ordre du jour');
    model.agendaItems.forEach((x, i) => {
      flow.ensure(44);
      flow.labelled(`${i + 1}.`, `${x.row.title} (${x.row.ref})`, f.bold, { font: f.bold, size: 9.5 });
      flow.paragraph(x.question.text, { indent: 14, after: 5 });
    });
  }
  subheading(flow, f, 'Projet de paragraphe pour la déclaration liminaire');
  if (model.liminaire.length === 0) flow.paragraph('Aucun fait enregistré à relever.', { color: GREY });
  model.liminaire.forEach((l) => {
    flow.paragraph(l.text, { after: 1 });
    const refs =
      l.sources.length > 1 && l.sources.length === model.summary.length
        ? `toutes les revendications du tableau de synthèse (${l.sources[0]?.ref ?? ''} à ${l.sources[l.sources.length - 1]?.ref ?? ''})`
        : l.sources.map((x) => x.ref ?? x.label).join(', ');
    flow.paragraph(l.byOfficer ? 'Rédigé par l’OS.' : `Sources enregistrées : ${refs}.`, {
      size: 7.5,
      color: GREY,
      after: 5,
    });
  });
};

/** The last page: what guarantees the dossier, in plain French, and how anyone can check it. */
const integrity = (flow: PdfFlow, f: Fonts, model: DossierModel): void => {
  const a = model.audit;
  flow.newPage(A4);
  flow.bookmark('Intégrité du dossier');
  heading(flow, f, 'Intégrité du dossier');
  flow.paragraph(
    'Chaque fait de ce dossier provient d’un événement enregistré dans le journal de l’application. Le journal ne se ' +
      'modifie pas : une correction s’ajoute comme un nouvel événement, et chaque événement est chaîné au précédent.',
  );
  flow.paragraph(
    `Au ${frDateTime(a.recordedUpTo)}, le journal comptait ${count(a.checkedEvents, { one: 'événement vérifié', other: 'événements vérifiés' })} : ` +
      (a.ok
        ? 'la chaîne était intacte.'
        : `${count(a.problems, { one: 'anomalie a été détectée', other: 'anomalies ont été détectées' })}.`),
  );
  if (a.seal) {
    flow.paragraph(
      `Dernier scellement couvert : n° ${a.seal.sealId} du ${frDateTime(a.seal.sealedAt)}, portant sur ${count(a.seal.count, { one: 'événement', other: 'événements' })} du journal, signé par une clé gardée hors de la base de données. Si quelqu’un réécrivait le journal, même avec les droits les plus élevés sur la base, la vérification contre ce scellement le signalerait.`,
    );
  }
  subheading(flow, f, 'Pour vérifier ce dossier');
  flow.paragraph(
    'Un administrateur de l’organisation ouvre l’adresse ci-dessous dans l’application ; elle doit répondre que la ' +
      'chaîne est intacte et redonner la même empreinte qu’ici. Une empreinte différente signifie que le journal a ' +
      'été modifié depuis l’établissement de ce dossier.',
  );
  flow.paragraph(a.verifyRoute, { size: 8.5, color: NAVY });
  flow.paragraph('Empreinte du journal (SHA-256) :', { font: f.bold, size: 9, after: 1 });
  flow.paragraph(a.digest, { size: 8.5, color: NAVY });
  if (a.seal) {
    flow.paragraph('Racine scellée, à vérifier à l’adresse :', { font: f.bold, size: 9, after: 1 });
    flow.paragraph(`/api/audit/verify?seal=${a.seal.rootHash}`, { size: 8.5, color: NAVY });
  }
};
