import { type Response } from 'express';
import type { DossierModel } from '../domain/dossier.model.js';
import { frDate } from '../domain/french.js';
import { type CsvSeparator, renderSummaryCsv } from './dossier.csv.js';
import { renderDossierHtml } from './dossier.html.js';

export const DOSSIER_FORMATS = ['pdf', 'html', 'docx', 'csv'] as const;
export type DossierFormat = (typeof DOSSIER_FORMATS)[number];

/** ASCII file name: "dossier-suivi_csa-spip-local-spip-62_2024-03-28". */
const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** RFC 6266: an ASCII `filename` and the French one in `filename*` (RFC 5987 encoding). */
const disposition = (kind: 'attachment' | 'inline', ascii: string, french: string): string =>
  `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(french).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;

const names = (model: DossierModel, prefix: string, frenchPrefix: string, extension: string) => ({
  ascii: `${prefix}_${slug(model.meta.instanceName)}_${model.meta.meetingDate}.${extension}`,
  french: `${frenchPrefix} – ${model.meta.instanceName} – ${frDate(model.meta.meetingDate)}.${extension}`,
});

const TYPES: Readonly<Record<DossierFormat, string>> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** Renders the dossier in one format and sends it, with its file name and the cutoff in headers. */
export const sendDossier = async (
  response: Response,
  model: DossierModel,
  format: DossierFormat,
  separator: CsvSeparator = ';',
): Promise<void> => {
  // PDFKit and docx are loaded on the first dossier in their format, not at start (ADR 0015).
  const body =
    format === 'pdf'
      ? await (await import('./dossier.pdf.js')).renderDossierPdf(model)
      : format === 'html'
        ? renderDossierHtml(model)
        : format === 'docx'
          ? await (await import('./dossier.docx.js')).renderDossierDocx(model)
          : renderSummaryCsv(model, separator);
  const file =
    format === 'csv'
      ? names(model, 'tableau-synthese', 'Tableau de synthèse', 'csv')
      : names(model, 'dossier-suivi', 'Dossier de suivi', format);
  response
    .status(200)
    .set({
      'Content-Type': TYPES[format],
      'Content-Disposition': disposition(
        format === 'html' ? 'inline' : 'attachment',
        file.ascii,
        file.french,
      ),
      'Cache-Control': 'private, no-store',
      // Set here, Express does not hash the whole body for one (a 2,000-page PDF weighs megabytes).
      ETag: `W/"${model.audit.digest.slice(0, 16)}-${Date.parse(model.meta.arreteAu)}-${Date.parse(model.audit.recordedUpTo)}-${model.meta.redaction}"`,
      'X-Audit-Digest': model.audit.digest,
      'X-Donnees-Arretees-Au': model.meta.arreteAu,
    })
    .send(body);
};
