import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { DossierModel } from '../domain/dossier.model.js';
import { count, frDate, frDateTime, frShortDate } from '../domain/french.js';
import { describeSource } from '../domain/sources.js';

/**
 * The dossier as an editable Word document (`docx`, MIT): the officer reworks the déclaration liminaire and the
 * questions in it. Same content as the PDF, plain styles (headings, tables) so that it edits well. The document's
 * dates come from the model (generation instant), so an issued dossier gives the same document again.
 */

/** W3CDTF to the second, as Word writes it: "2026-12-04T11:00:00Z". */
const w3cdtf = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}Z`;

/**
 * A date whose local fields (what a zip header stores, in MS-DOS format) are the UTC fields of `iso`, so the zip
 * is the same whatever the server's time zone.
 */
const zipTime = (iso: string): Date => {
  const d = new Date(iso);
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
};

/**
 * `docx` stamps the document properties (created, modified) and each zip entry with the clock: both are set again
 * to the generation instant (entries in docx’s order), so that the same dossier gives the same bytes.
 */
export const fixDocxDates = (docx: Uint8Array, generatedAt: string): Buffer => {
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'];
  if (core) {
    const stamp = w3cdtf(generatedAt);
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_match, open: string, _name: string, close: string) => `${open}${stamp}${close}`,
      ),
    );
  }
  return Buffer.from(zipSync(files, { mtime: zipTime(generatedAt) }));
};
const text = (
  value: string,
  options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {},
) => new TextRun({ text: value, ...options });

const para = (
  value: string,
  options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {},
) => new Paragraph({ children: [text(value, options)], spacing: { after: 120 } });

const heading = (
  value: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
) => new Paragraph({ text: value, heading: level, spacing: { before: 240, after: 120 } });

const cell = (value: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [text(value, { bold, size: 16 })] })] });

const table = (header: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });

export const renderDossierDocx = async (model: DossierModel): Promise<Buffer> => {
  const m = model.meta;
  const title = `Dossier de suivi — ${m.instanceName}`;
  const children: (Paragraph | Table)[] = [
    para(`${m.union} · dossier de suivi des revendications`, { color: '555555' }),
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    para(`Séance ${m.kind} du ${frDate(m.meetingDate)} (${m.meetingStatus})`, { size: 28 }),
    para(`Périmètre : ${m.perimeter}`),
    para(
      `Données arrêtées au ${frDate(m.arreteAu)} (faits survenus jusqu’à cette date ; retards jugés à cette date)`,
    ),
    para(`Établi le ${frDateTime(m.generatedAt)}`),
    ...(m.sourceRef ? [para(`Source de la séance : ${describeSource(m.sourceRef)}`)] : []),
    para(
      m.redaction === 'roles'
        ? 'Données personnelles masquées : les personnes apparaissent par leur fonction.'
        : 'Export sans masquage (administrateur) : ne pas diffuser.',
      { italics: true },
    ),

    heading('Projet de déclaration liminaire'),
    ...(model.liminaire.length === 0
      ? [para('Aucun fait enregistré à relever.', { italics: true })]
      : model.liminaire.flatMap((l) => [
          para(l.text),
          para(
            l.byOfficer
              ? 'Rédigé par l’OS.'
              : `Sources enregistrées : ${l.sources.map((x) => x.ref ?? x.label).join(', ')}.`,
            { size: 16, color: '777777' },
          ),
        ])),

    heading(model.meta.composed ? 'Questions diverses' : 'Projet de questions diverses'),
    ...(model.questionsDiverses.length === 0
      ? [para('Aucune question diverse proposée.', { italics: true })]
      : model.questionsDiverses.flatMap((q, i) => [
          para(`${i + 1}. ${q.row.title} (${q.row.ref})`, { bold: true }),
          para(q.question.text),
        ])),

    heading('Tableau de synthèse'),
    table(
      [
        'N°',
        'Antenne',
        'Revendication',
        'Catégorie',
        'Statut',
        'Priorité',
        'Soulevée le',
        'Jours',
        'Retards',
      ],
      model.summary.map((r) => [
        r.ref,
        r.antennaName,
        r.title,
        r.category,
        r.statusLabel,
        r.priorityLabel,
        frShortDate(r.firstRaisedAt),
        r.daysOpen === null ? '—' : String(r.daysOpen),
        r.flagLabels.join(', '),
      ]),
    ),
  ];

  for (const s of model.sheets) {
    children.push(
      new Paragraph({ children: [new PageBreak()] }),
      heading(`${s.row.ref} — ${s.row.title}`, HeadingLevel.HEADING_2),
      para(
        `${s.row.antennaName} · ${s.category} · statut : ${s.row.statusLabel} · priorité ${s.row.priorityLabel} · ` +
          `demandée ${count(s.row.timesAsked, { zero: 'aucune fois', one: 'fois', other: 'fois' })}`,
        { size: 18, color: '555555' },
      ),
      ...(s.quote ? [para(`Termes du rapport : « ${s.quote} »`, { italics: true })] : []),
      ...s.legalBases.map((b) =>
        para(
          `${b.reference} (${b.origin === 'officer' ? 'ajout de l’OS, absent du document source' : 'cité par le document source'})`,
        ),
      ),
      ...s.chronology.map(
        (c) =>
          new Paragraph({
            spacing: { after: 80 },
            children: [
              text(`${frDate(c.date)} — `, { bold: true }),
              text(c.label),
              ...(c.detail ? [text(` : ${c.detail}`)] : []),
              ...(c.quote ? [text(` « ${c.quote.text} » (${c.quote.authorRole})`, { italics: true })] : []),
              ...(c.recordedAfterCutoff ? [text(' ◊ saisi après la date d’arrêt', { color: '777777' })] : []),
            ],
          }),
      ),
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: [text('La question à poser : ', { bold: true }), text(s.question.text)],
      }),
    );
  }

  children.push(
    new Paragraph({ children: [new PageBreak()] }),
    heading('Intégrité du dossier'),
    para(
      'Chaque fait de ce dossier provient d’un événement enregistré dans le journal de l’application, qui ne se ' +
        'modifie pas : une correction s’ajoute comme un nouvel événement.',
    ),
    para(
      `Au ${frDateTime(model.audit.recordedUpTo)}, ${count(model.audit.checkedEvents, { one: 'événement vérifié', other: 'événements vérifiés' })} ; ` +
        (model.audit.ok ? 'chaîne intacte.' : 'anomalies détectées.'),
    ),
    para(`Vérification : ${model.audit.verifyRoute}`),
    para(`Empreinte du journal (SHA-256) : ${model.audit.digest}`, { size: 16 }),
  );

  const doc = new Document({
    creator: m.union,
    title,
    description: `Données arrêtées au ${frDate(m.arreteAu)}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [{ children }],
  });
  return fixDocxDates(await Packer.toBuffer(doc), m.generatedAt);
};
