import type { DemandSheet, DossierModel, SummaryRow } from '../domain/dossier.model.js';
import { agree, count, frDate, frDateTime, frShortDate } from '../domain/french.js';
import { describeSource } from '../domain/sources.js';

/**
 * The dossier as one printable HTML page, in French: a cover, the summary table, the changes since the previous
 * meeting, one sheet per demand (each starts a new printed page), the annexes. Print CSS: A4, the summary table in
 * landscape, headers repeated on each page. No script, no external resource.
 */
const esc = (value: string | number | null | undefined): string =>
  value === null || value === undefined
    ? ''
    : String(value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');

/** Management's exact words, between French quotation marks. */
const quoted = (text: string): string => `«\u00a0${esc(text)}\u00a0»`;

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
@page paysage { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Source Sans 3", "Source Sans Pro", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1b1f24; line-height: 1.35; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 4mm; color: #12325b; }
h2 { font-size: 14pt; color: #12325b; border-bottom: 1.5pt solid #12325b; padding-bottom: 1mm; margin: 8mm 0 3mm; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; color: #12325b; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.cover { min-height: 240mm; }
.cover dl { display: grid; grid-template-columns: 48mm 1fr; gap: 1.5mm 4mm; }
.cover dt { font-weight: 600; color: #4a5563; }
.cover dd { margin: 0; }
.digest, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; word-break: break-all; }
.notice { border-left: 3pt solid #b7791f; background: #fdf6e7; padding: 2mm 3mm; margin: 3mm 0; font-size: 9.5pt; }
.counts { display: flex; gap: 4mm; margin: 4mm 0; }
.counts div { border: 0.75pt solid #c8ced6; padding: 2mm 3mm; border-radius: 2mm; }
.counts strong { display: block; font-size: 16pt; color: #12325b; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
thead { display: table-header-group; }
th { background: #12325b; color: #fff; text-align: left; padding: 1.2mm; font-weight: 600; }
td { border-bottom: 0.5pt solid #c8ced6; padding: 1.2mm; vertical-align: top; }
tr { break-inside: avoid; }
tr.overdue td { background: #fdecec; }
tr.closed td { color: #4a5563; }
.flag { color: #b42318; font-weight: 600; }
.summary { page: paysage; }
.sheet { break-before: page; }
.sheet .head { display: flex; justify-content: space-between; gap: 4mm; }
.sheet .ref { font-family: monospace; color: #4a5563; }
.ask { background: #f3f6fa; padding: 2mm 3mm; border-radius: 1.5mm; }
blockquote { margin: 1mm 0 2mm; padding: 1.5mm 3mm; border-left: 2.5pt solid #12325b; background: #f7f7f9; }
blockquote footer { font-size: 8.5pt; color: #4a5563; }
.question { border: 1.5pt solid #12325b; padding: 2.5mm 3mm; margin-top: 3mm; border-radius: 1.5mm; }
.question .channel { font-weight: 600; color: #12325b; }
.muted { color: #4a5563; font-size: 9pt; }
ul { margin: 1mm 0; padding-left: 5mm; }
.annex { break-before: page; }
nav ol { columns: 2; }
@media screen { body { padding: 8mm; max-width: 280mm; margin: 0 auto; } .sheet, .annex { border-top: 1pt dashed #c8ced6; margin-top: 10mm; padding-top: 4mm; } }
`;

const flags = (row: SummaryRow): string =>
  row.flagLabels.length === 0
    ? ''
    : row.flagLabels.map((f) => `<span class="flag">${esc(f)}</span>`).join('<br>');

const lastPosition = (row: SummaryRow): string =>
  row.lastPosition
    ? `${esc(row.lastPosition.stanceLabel)}<br><span class="muted">${esc(frShortDate(row.lastPosition.date))}, ${esc(row.lastPosition.channelLabel)}</span>`
    : '<span class="muted">aucune</span>';

const summaryTable = (model: DossierModel): string => `
<table>
  <thead><tr>
    <th>Réf.</th><th>Antenne</th><th>Revendication</th><th>Nature</th><th>Cible</th><th>Soulevée le</th>
    <th>Fois demandée</th><th>Dernière position de la direction</th><th>Échéance engagement</th><th>Statut</th>
    <th>Jours</th><th>Retards</th>
  </tr></thead>
  <tbody>
  ${model.summary
    .map(
      (row) => `<tr class="${row.overdue ? 'overdue' : ''}${row.closed ? ' closed' : ''}">
    <td><a href="#${anchorOf(row)}">${esc(row.ref)}</a></td><td>${esc(row.antennaName)}</td><td>${esc(row.title)}</td>
    <td>${row.explicit ? 'explicite' : 'implicite'}</td><td>${esc(row.targets)}</td><td>${esc(frShortDate(row.firstRaisedAt))}</td>
    <td>${row.timesAsked}</td><td>${lastPosition(row)}</td><td>${esc(frShortDate(row.commitmentDueAt))}</td>
    <td>${esc(row.statusLabel)}${row.closed ? `<br><span class="muted">le ${esc(frShortDate(row.closedAt))}</span>` : ''}</td>
    <td>${row.daysOpen ?? '—'}</td><td>${flags(row)}</td>
  </tr>`,
    )
    .join('\n  ')}
  </tbody>
</table>`;

/** In-document anchor of a demand's sheet (by its number in the dossier, never an internal id in the text). */
const anchorOf = (row: SummaryRow): string => `fiche-${row.ref.replace(/\D/g, '')}`;
/** The demand's full timeline in the application (its recorded history). */
const timeline = (demandId: string): string => `/api/demands/${encodeURIComponent(demandId)}/history`;
const timelineOf = (row: SummaryRow): string => timeline(row.demandId);

const sheet = (s: DemandSheet, index: number, total: number): string => {
  const row = s.row;
  return `<section class="sheet" id="${anchorOf(row)}">
  <div class="head"><h3>${esc(row.title)}</h3><span class="ref">${esc(row.ref)} · fiche ${index + 1}/${total} · <a href="${timelineOf(row)}">chronologie complète</a></span></div>
  <p class="muted">${esc(row.antennaName)} · ${esc(s.category)} · niveau ${esc(row.level)} · priorité ${esc(row.priorityLabel)} ·
    statut : <strong>${esc(row.statusLabel)}</strong> · ouverte depuis ${row.daysOpen === null ? '—' : esc(count(row.daysOpen, { one: 'jour', other: 'jours' }))} · demandée ${esc(count(row.timesAsked, { zero: 'aucune fois', one: 'fois', other: 'fois' }))}
    ${row.flagLabels.length > 0 ? ` · <span class="flag">${esc(row.flagLabels.join(', '))}</span>` : ''}</p>
  <h4>La demande, telle que formulée</h4>
  <div class="ask"><strong>${esc(row.title)}</strong> (${row.explicit ? 'revendication explicite' : 'revendication implicite, déduite du constat'})
    ${s.description ? `<p>${esc(s.description)}</p>` : ''}
    ${s.quote ? `<p>Termes du rapport : ${quoted(s.quote)}</p>` : ''}
    <p class="muted">Cible : ${esc(row.targets)}${s.sourceLabel ? ` · source : ${esc(s.sourceLabel)}` : ''}${s.observationCount > 0 ? ` · ${esc(count(s.observationCount, { one: 'constat de visite', other: 'constats de visite' }))}` : ''}${s.illustrative ? ' · donnée illustrative' : ''}</p>
  </div>
  <h4>Fondement juridique ou de référence</h4>
  ${
    s.legalBases.length === 0
      ? '<p class="muted">Aucune référence enregistrée.</p>'
      : `<ul>${s.legalBases
          .map(
            (b) =>
              `<li>${esc(b.reference)} <span class="muted">(${b.origin === 'officer' ? 'ajout de l’OS, absent du document source' : 'cité par le document source'})</span>${b.text ? `<br>${quoted(b.text)}` : ''}</li>`,
          )
          .join('')}</ul>`
  }
  <h4>Chronologie, sources et paroles de la direction</h4>
  <table class="chronology"><thead><tr><th style="width:22mm">Date</th><th>Fait</th><th style="width:45mm">Source</th></tr></thead><tbody>
  ${s.chronology
    .map(
      (c) =>
        `<tr><td>${esc(frDate(c.date))}</td><td>${esc(c.label)}${c.detail ? `<br><span class="muted">${esc(c.detail)}</span>` : ''}${
          c.quote
            ? `<blockquote>${quoted(c.quote.text)}<footer>${esc(c.quote.authorRole)}</footer></blockquote>`
            : ''
        }</td><td>${esc(c.source ?? '—')}${c.recorded ? `<br><span class="muted">${esc(c.recorded)}</span>` : ''}${c.recordedAfterCutoff ? '<br><span class="muted">◊ saisi après la date d’arrêt</span>' : ''}</td></tr>`,
    )
    .join('\n  ')}
  </tbody></table>
  <h4>Engagements</h4>
  ${
    s.commitments.length === 0
      ? '<p class="muted">Aucun engagement enregistré.</p>'
      : `<ul>${s.commitments
          .map(
            (c) =>
              `<li>«\u00a0${esc(c.deliverable)}\u00a0» (${esc(c.owner)}), pris le ${esc(frDate(c.madeAt))}, pour le ${esc(frDate(c.dueAt))} : ${esc(c.status)}${
                c.progressPercent !== null ? `, ${c.progressPercent} %` : ''
              }${c.rescheduleCount > 0 ? `, reporté ${c.rescheduleCount} fois` : ''}${c.overdue ? ' <span class="flag">en retard</span>' : ''}</li>`,
          )
          .join('')}</ul>`
  }
  <div class="question"><span class="channel">La question à poser aujourd’hui — ${esc(s.question.channelLabel)}${
    s.question.signaturesNeeded !== null ? ` (${s.question.signaturesNeeded} signatures de titulaires)` : ''
  }</span><p>${esc(s.question.text)}</p></div>
</section>`;
};

export const renderDossierHtml = (model: DossierModel): string => {
  const refs = new Map(model.summary.map((r) => [r.demandId, r]));
  const m = model.meta;
  const title = `Dossier de suivi — ${m.instanceName} — séance du ${frDate(m.meetingDate)}`;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<section class="cover">
  <p class="muted">${esc(m.union)} · dossier de suivi des revendications</p>
  <h1>Dossier de suivi — ${esc(m.instanceName)}</h1>
  <p style="font-size:14pt">Séance ${esc(m.kind)} du <strong>${esc(frDate(m.meetingDate))}</strong> (${esc(m.meetingStatus)})</p>
  <dl>
    <dt>Instance</dt><dd>${esc(m.instanceName)}</dd>
    <dt>Organisation syndicale</dt><dd>${esc(m.union)}</dd>
    <dt>Délégué·es</dt><dd>……………………………………………… (à compléter)</dd>
    <dt>Périmètre</dt><dd>${esc(m.perimeter)}</dd>
    <dt>Instance précédente</dt><dd>${m.previousMeeting ? esc(frDate(m.previousMeeting.date)) : 'aucune enregistrée'}</dd>
    ${m.sourceRef ? `<dt>Source de la séance</dt><dd>${esc(describeSource(m.sourceRef))}</dd>` : ''}
    <dt>Données arrêtées au</dt><dd>${esc(frDate(m.arreteAu))} (faits survenus jusqu’à cette date ; retards et délais jugés à cette date)</dd>
    <dt>Établi le</dt><dd>${esc(frDateTime(m.generatedAt))}</dd>
    ${m.known === 'recorded' ? '<dt>Connaissance</dt><dd>telle qu’enregistrée à la date d’arrêt (les saisies postérieures sont écartées)</dd>' : ''}
    ${m.recordedAfterCutoff > 0 && m.known === 'occurred' ? `<dt>Saisies tardives</dt><dd>${esc(count(m.recordedAfterCutoff, { one: 'fait survenu', other: 'faits survenus' }))} avant la date d’arrêt, saisis après elle, inclus et marqués ◊</dd>` : ''}
  </dl>
  <div class="counts">
    <div><strong>${model.counts.open}</strong>${agree(model.counts.open, { one: 'revendication ouverte', other: 'revendications ouvertes' })}</div>
    <div><strong>${model.counts.overdue}</strong>en retard</div>
    <div><strong>${model.counts.responseOverdue}</strong>${agree(model.counts.responseOverdue, { one: 'réponse attendue', other: 'réponses attendues' })}</div>
    <div><strong>${model.counts.commitmentOverdue}</strong>${agree(model.counts.commitmentOverdue, { one: 'engagement échu', other: 'engagements échus' })}</div>
    <div><strong>${model.counts.closedSincePrevious}</strong>${agree(model.counts.closedSincePrevious, { one: 'clôturée', other: 'clôturées' })} depuis la dernière instance</div>
  </div>
  ${
    m.redaction === 'roles'
      ? '<p class="notice">Données personnelles masquées : les agents et les personnes suivies apparaissent par leur fonction ; les courriels et les noms de personnes, avec ou sans civilité, sont remplacés par « [nom masqué] ».</p>'
      : '<p class="notice">Export sans masquage des données personnelles (administrateur) : ne pas diffuser.</p>'
  }
  <nav><h3>Sommaire</h3><ol>
    <li><a href="#synthese">Tableau de synthèse</a></li><li><a href="#depuis">Depuis la dernière instance</a></li>
    <li><a href="#fiches">Fiches par revendication (${model.sheets.length})</a></li><li><a href="#effectifs">Annexe : effectifs et ratios</a></li>
    <li><a href="#conformite">Annexe : retards et conformité de l’instance</a></li><li><a href="#questions">Projet de questions diverses</a></li>
    <li><a href="#integrite">Intégrité du dossier</a></li>
  </ol></nav>
</section>

<section class="annex summary" id="synthese">
  <h2>Tableau de synthèse</h2>
  <p class="muted">Revendications ouvertes et clôturées depuis la dernière instance, triées : en retard, puis priorité haute, puis les plus anciennes. Échéances jugées au ${esc(frDate(m.asOf))}.</p>
  ${summaryTable(model)}
</section>

<section class="annex" id="depuis">
  <h2>Depuis la dernière instance${model.delta.since ? ` (${esc(frDate(model.delta.since))})` : ''}</h2>
  ${
    model.delta.since === null
      ? '<p>Aucune séance précédente de cette instance n’est enregistrée : le tableau de synthèse retrace l’ensemble.</p>'
      : model.delta.entries.length === 0
        ? '<p>Aucun changement enregistré depuis la dernière séance.</p>'
        : `<table><thead><tr><th style="width:24mm">Date</th><th style="width:60mm">Revendication</th><th>Changement</th></tr></thead><tbody>${model.delta.entries
            .map(
              (e) =>
                `<tr><td>${esc(frDate(e.date))}</td><td>${e.demandId && refs.get(e.demandId) ? `<a class="ref" href="#${anchorOf(refs.get(e.demandId) as SummaryRow)}">${esc((refs.get(e.demandId) as SummaryRow).ref)}</a> ` : ''}${esc(e.title)}</td><td>${esc(e.text)}</td></tr>`,
            )
            .join('')}</tbody></table>`
  }
</section>

<div id="fiches">
${model.sheets.map((s, i) => sheet(s, i, model.sheets.length)).join('\n')}
</div>

<section class="annex" id="effectifs">
  <h2>Annexe : effectifs et ratios de référence</h2>
  <p class="muted">Chiffres dérivés des instantanés d’effectifs enregistrés, comparés aux ${esc(m.referenceRatiosOrigin)} ; les hypothèses de calcul sont imprimées sous chaque tableau.</p>
  ${model.staffing
    .map((a) =>
      a.snapshot === null
        ? `<h3>${esc(a.antennaName)}</h3><p class="muted">Aucun instantané d’effectifs enregistré.</p>`
        : `<h3>${esc(a.antennaName)} — effectifs au ${esc(frDate(a.snapshot.asOf))}${a.snapshot.illustrative ? ' (illustratif)' : ''}</h3>
  <table><thead><tr><th>Corps</th><th>Effectif</th><th>Actifs (ETP)</th><th>Personnes par agent</th><th>Référence</th><th>ETP nécessaires</th><th>Écart (ETP)</th></tr></thead><tbody>
  ${a.snapshot.roles
    .map(
      (r) =>
        `<tr><td>${r.role}</td><td>${r.headcount}</td><td>${r.active}</td><td>${esc(r.peoplePerAgent)}</td><td>1 pour ${r.reference}</td><td>${esc(r.needed)}</td><td>${esc(r.gap)}</td></tr>`,
    )
    .join('')}
  </tbody></table>
  ${
    a.snapshot.vacancies.length > 0
      ? `<p><strong>Postes vacants :</strong> ${a.snapshot.vacancies.map((v) => `${esc(v.role)} : ${v.vacancies}${v.note ? ` (${esc(v.note)})` : ''}`).join(' ; ')}</p>`
      : ''
  }
  ${a.snapshot.notes.length > 0 ? `<p><strong>Précisions du relevé :</strong> ${esc(a.snapshot.notes.join(' ; '))}</p>` : ''}
  <p><strong>Hypothèses :</strong></p><ul class="muted">${a.snapshot.assumptions.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
    )
    .join('\n')}
</section>

<section class="annex" id="conformite">
  <h2>Annexe : retards et conformité de l’instance</h2>
  <p class="muted">Règles appliquées (${esc(m.rulesOrigin)}) : convocation et documents ${m.rules.noticeDays} jours avant (${m.rules.urgentNoticeDays} en cas d’urgence) ; PV transmis sous ${m.rules.minutesMonths} mois ; suites données aux avis sous ${m.rules.avisFollowUpMonths} mois ; nouvelle délibération ${m.rules.redeliberationMinDays} à ${m.rules.redeliberationMaxDays} jours après un vote unanime contre.</p>
  ${model.compliance
    .map(
      (
        c,
      ) => `<h3>Séance du ${esc(frDate(c.date))}${c.current ? ' (présente séance)' : ''} — ${esc(c.status)}</h3><ul>
    <li>Convocation : ${c.convocationLate ? `<span class="flag">${esc(c.convocation)}</span>` : esc(c.convocation)}</li>
    <li>Documents : ${c.documents.length === 0 ? 'aucun enregistré' : esc(c.documents.join(' ; '))}</li>
    <li>Procès-verbal : ${c.minutesOverdue ? `<span class="flag">${esc(c.minutes)}</span>` : esc(c.minutes)}</li>
    ${c.avisFollowUps.map((a) => `<li>Suites données à l’avis sur «\u00a0${esc(a.item)}\u00a0» : ${a.overdue ? `<span class="flag">${esc(a.text)}</span>` : esc(a.text)}</li>`).join('')}
    ${c.redeliberations.map((r) => `<li>Nouvelle délibération sur «\u00a0${esc(r.item)}\u00a0» : ${r.overdue ? `<span class="flag">${esc(r.text)}</span>` : esc(r.text)}</li>`).join('')}
    ${c.refusedMandatoryItems.map((t) => `<li><span class="flag">Point obligatoire refusé</span> : «\u00a0${esc(t)}\u00a0»</li>`).join('')}
  </ul>`,
    )
    .join('\n')}
  <h3>Revendications en retard</h3>
  <p>${esc(count(model.counts.responseOverdue, { zero: 'Aucune réponse en retard', one: 'réponse en retard', other: 'réponses en retard' }))} ; ${esc(
    count(model.counts.commitmentOverdue, {
      zero: 'aucun engagement en retard',
      one: 'engagement en retard',
      other: 'engagements en retard',
    }),
  )} ; ${esc(
    count(model.summary.filter((r) => r.flags.includes('avis_follow_up')).length, {
      zero: 'aucune revendication dont les suites d’avis sont en retard',
      one: 'revendication dont les suites d’avis sont en retard',
      other: 'revendications dont les suites d’avis sont en retard',
    }),
  )} ; ${esc(
    count(model.summary.filter((r) => r.flags.includes('deferred_twice')).length, {
      zero: 'aucune revendication',
      one: 'revendication',
      other: 'revendications',
    }),
  )} «\u00a0à l’étude\u00a0» deux fois ou plus.</p>
</section>

<section class="annex" id="questions">
  <h2>Projet de questions diverses</h2>
  <p class="muted">${m.composed ? 'Questions choisies par l’OS pour cette séance.' : 'Propositions (au plus cinq, hors revendications déjà inscrites à une séance de l’instance), à choisir et à relire avant envoi.'}</p>
  ${
    model.questionsDiverses.length === 0
      ? '<p>Aucune question diverse proposée.</p>'
      : `<ol>${model.questionsDiverses
          .map(
            (q) =>
              `<li><strong>${esc(q.row.title)}</strong> <a class="ref" href="#${anchorOf(q.row)}">(${esc(q.row.ref)})</a><br>${esc(q.question.text)}</li>`,
          )
          .join('')}</ol>`
  }
  ${
    model.agendaItems.length === 0
      ? ''
      : `<h3>Points à demander à l’ordre du jour</h3><ol>${model.agendaItems
          .map(
            (q) =>
              `<li><strong>${esc(q.row.title)}</strong> <a class="ref" href="#${anchorOf(q.row)}">(${esc(q.row.ref)})</a><br>${esc(q.question.text)}</li>`,
          )
          .join('')}</ol>`
  }
  <h3>Projet de paragraphe pour la déclaration liminaire</h3>
  ${model.liminaire
    .map(
      (l) =>
        `<p>${esc(l.text)}<br><span class="muted">${
          l.byOfficer
            ? 'Rédigé par l’OS.'
            : `Sources enregistrées : ${l.sources
                .map((x) =>
                  x.demandId
                    ? `<a href="${timeline(x.demandId)}">${esc(x.ref ?? x.label)}</a>`
                    : esc(x.label),
                )
                .join(', ')}`
        }</span></p>`,
    )
    .join('')}
</section>

<section class="annex" id="integrite">
  <h2>Intégrité du dossier</h2>
  <p>Chaque fait de ce dossier provient d’un événement enregistré dans le journal de l’application. Le journal ne se modifie pas : une correction s’ajoute comme un nouvel événement, et chaque événement est chaîné au précédent.</p>
  <p>Au ${esc(frDateTime(model.audit.recordedUpTo))}, le journal comptait ${esc(count(model.audit.checkedEvents, { one: 'événement vérifié', other: 'événements vérifiés' }))} : ${
    model.audit.ok
      ? 'la chaîne était intacte.'
      : esc(
          count(model.audit.problems, {
            one: 'anomalie a été détectée',
            other: 'anomalies ont été détectées',
          }),
        ) + '.'
  }</p>
  ${model.audit.seal ? `<p>Dernier scellement couvert : n° ${esc(model.audit.seal.sealId)} du ${esc(frDateTime(model.audit.seal.sealedAt))}, portant sur ${esc(count(model.audit.seal.count, { one: 'événement', other: 'événements' }))} du journal, signé par une clé gardée hors de la base de données. À vérifier à l’adresse <span class="digest">/api/audit/verify?seal=${esc(model.audit.seal.rootHash)}</span>.</p>` : ''}
  <p>Pour vérifier ce dossier, un administrateur de l’organisation ouvre <code>${esc(model.audit.verifyRoute)}</code> dans l’application : elle doit répondre que la chaîne est intacte et redonner l’empreinte <span class="digest">${esc(model.audit.digest)}</span>.</p>
</section>
</body>
</html>
`;
};
