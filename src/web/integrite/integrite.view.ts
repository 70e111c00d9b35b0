import { type AuditReport } from '../../audit/verify-audit-trail/audit-trail.js';
import { type FormState } from '../forms/form.js';
import { frDateTime, frNumber, plural } from '../i18n/fr.js';

const PROBLEM_LABELS: Readonly<Record<string, string>> = {
  altered: 'contenu modifié après coup (ne correspond plus à son empreinte)',
  missing: 'événements manquants au milieu de l’historique',
  reordered: 'événement déplacé ou remplacé (le chaînage est rompu)',
  broken_link: 'le dernier événement n’est pas celui enregistré à l’origine',
  truncated: 'événements supprimés à la fin de l’historique',
};

export type IntegritePage = {
  ok: boolean;
  verdict: string;
  checkedAt: string;
  figures: { label: string; value: string }[];
  digest: string;
  problems: { where: string; what: string }[];
  check: {
    form: FormState;
    result: { matches: boolean; text: string; digest: string } | null;
  };
  command: string;
};

/** The audit status in plain French, and how anyone checks the digest printed on a dossier. */
export const integritePage = (input: {
  report: AuditReport;
  checkedAt: string;
  form: FormState;
  checked: { report: AuditReport; expected: string; upTo: string } | null;
}): IntegritePage => {
  const { report } = input;
  const problems = report.problems.length;
  return {
    ok: report.ok,
    verdict: report.ok
      ? 'Aucune anomalie : aucun événement n’a été modifié, supprimé ou déplacé depuis son enregistrement.'
      : `${plural(problems, 'anomalie trouvée', 'anomalies trouvées')} : l’historique a été touché en dehors de l’application. Prévenez l’administrateur·rice.`,
    checkedAt: frDateTime(input.checkedAt),
    figures: [
      { label: 'Historiques vérifiés', value: frNumber(report.checkedStreams) },
      { label: 'Événements vérifiés', value: frNumber(report.checkedEvents) },
      { label: 'Anomalies', value: problems === 0 ? 'aucune' : String(problems) },
    ],
    digest: report.digest,
    problems: report.problems.map((p) => ({
      where: `${p.streamId}, événement n° ${p.revision}`,
      what: PROBLEM_LABELS[p.kind] ?? p.message,
    })),
    check: {
      form: input.form,
      result: input.checked
        ? input.checked.report.digest === input.checked.expected
          ? {
              matches: true,
              digest: input.checked.report.digest,
              text:
                `L’empreinte correspond : les ${plural(input.checked.report.checkedEvents, 'événement enregistré', 'événements enregistrés')} ` +
                `jusqu’au ${frDateTime(input.checked.upTo)} sont exactement ceux sur lesquels le dossier a été établi.` +
                (input.checked.report.ok
                  ? ''
                  : ' Attention : des anomalies ont été trouvées par ailleurs (voir plus haut).'),
            }
          : {
              matches: false,
              digest: input.checked.report.digest,
              text:
                'L’empreinte ne correspond pas. Vérifiez la date « arrêté au » et l’empreinte recopiées depuis le dossier ; ' +
                'si elles sont exactes, les données ont changé depuis l’impression du dossier.',
            }
        : null,
    },
    command: 'npm run audit:verify -- --digest <empreinte> --recorded-up-to <date et heure « arrêté au »>',
  };
};
