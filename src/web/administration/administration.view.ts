import { type DeadlineRulesView } from '../../deadline-rules/deadline-rules.responses.js';
import { type ReferenceRatiosView } from '../../reference-ratios/reference-ratios.responses.js';
import { type FormState } from '../forms/form.js';
import { frDate, frDateTime, roleLabel } from '../i18n/fr.js';

export const RULE_LABELS: Readonly<Record<string, string>> = {
  noticeDays: 'Délai de convocation et d’envoi des documents',
  urgentNoticeDays: 'Délai de convocation en cas d’urgence',
  avisFollowUpMonths: 'Suite écrite donnée à un avis',
  minutesMonths: 'Envoi du procès-verbal',
  redeliberationMinDays: 'Nouvelle délibération, au plus tôt',
  redeliberationMaxDays: 'Nouvelle délibération, au plus tard',
  responseWindowDays: 'Délai de réponse de l’administration à une revendication soumise',
};
export const RATIO_LABELS: Readonly<Record<string, string>> = {
  cpipPerPeople: 'Personnes suivies par ETP de CPIP',
  asePerPeople: 'Personnes sous bracelet par ASE',
};
const UNIT_WORDS: Readonly<Record<string, [string, string]>> = {
  days: ['jour', 'jours'],
  months: ['mois', 'mois'],
};
const amount = (value: number, unit: string): string => {
  const [one, many] = UNIT_WORDS[unit] ?? ['', ''];
  return `${value} ${value <= 1 ? one : many}`.trim();
};

export type AccountRow = {
  id: string;
  name: string;
  email: string;
  role: string;
  sections: string;
  disabled: string | null;
  self: boolean;
};

export type AdministrationPage = {
  accounts: AccountRow[];
  sections: { id: string; name: string; units: string }[];
  units: { id: string; name: string }[];
  rules: {
    revision: number | null;
    rows: {
      name: string;
      label: string;
      value: string;
      byDefault: string;
      isDefault: boolean;
      unit: string;
    }[];
    history: {
      when: string;
      recorded: string | null;
      who: string;
      source: string;
      reason: string | null;
      changes: string;
    }[];
  };
  ratios: {
    revision: number | null;
    source: string;
    rows: { name: string; label: string; value: string; byDefault: string; isDefault: boolean }[];
    history: {
      when: string;
      recorded: string | null;
      who: string;
      source: string;
      reason: string | null;
      changes: string;
    }[];
  };
  forms: { key: string; account: FormState; section: FormState; rules: FormState; ratios: FormState };
  roles: [string, string][];
};

type ListedAccount = {
  accountId: string;
  email: string;
  displayName: string;
  role: string;
  sectionIds: string[];
  disabledAt: string | null;
};

/** "when it took effect" and, if another day, "recorded on". */
const whenOf = (occurredAt: string, recordedAt: string): { when: string; recorded: string | null } => ({
  when: frDate(occurredAt),
  recorded:
    occurredAt.slice(0, 10) === recordedAt.slice(0, 10) ? null : `enregistré le ${frDateTime(recordedAt)}`,
});

/** Administration: accounts and roles, sections, deadline rules and reference ratios with their source and history. */
export const administrationPage = (input: {
  selfId: string;
  accounts: readonly ListedAccount[];
  sections: readonly { sectionId: string; name: string; unitIds: string[] }[];
  units: readonly { id: string; name: string }[];
  rules: DeadlineRulesView;
  ratios: ReferenceRatiosView;
  forms: AdministrationPage['forms'];
}): AdministrationPage => {
  const sectionName = new Map(input.sections.map((s) => [s.sectionId, s.name]));
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const unitOf = new Map(input.rules.rules.map((r) => [r.name, r.unit]));
  return {
    accounts: input.accounts.map((a) => ({
      id: a.accountId,
      name: a.displayName || a.email,
      email: a.email,
      role: roleLabel(a.role),
      sections:
        a.role === 'admin'
          ? 'toutes'
          : a.role === 'observer' || a.sectionIds.length === 0
            ? 'aucune (lecture seule)'
            : a.sectionIds.map((id) => sectionName.get(id) ?? id).join(', '),
      disabled: a.disabledAt ? `désactivé le ${frDate(a.disabledAt)}` : null,
      self: a.accountId === input.selfId,
    })),
    sections: input.sections.map((s) => ({
      id: s.sectionId,
      name: s.name,
      units: s.unitIds.map((id) => unitName.get(id) ?? id).join(', '),
    })),
    units: [...input.units],
    rules: {
      revision: input.rules.revision,
      rows: input.rules.rules.map((r) => ({
        name: r.name,
        label: RULE_LABELS[r.name] ?? r.name,
        value: amount(r.value, r.unit),
        byDefault: amount(r.default, r.unit),
        isDefault: r.isDefault,
        unit: r.unit === 'days' ? 'jours' : 'mois',
      })),
      history: [...input.rules.history].reverse().map((h) => ({
        ...whenOf(h.occurredAt, h.recordedAt),
        who: h.actorName ?? 'un compte supprimé',
        source: h.source,
        reason: h.reason ?? null,
        changes:
          h.changes.length === 0
            ? 'premier jeu de règles, identique aux valeurs par défaut'
            : h.changes
                .map(
                  (c) =>
                    `${RULE_LABELS[c.name] ?? c.name} : ${amount(c.from, unitOf.get(c.name) ?? 'days')} → ${amount(c.to, unitOf.get(c.name) ?? 'days')}`,
                )
                .join(' ; '),
      })),
    },
    ratios: {
      revision: input.ratios.revision,
      source: input.ratios.source ?? 'organigrammes de référence de la DAP (valeurs par défaut)',
      rows: input.ratios.ratios.map((r) => ({
        name: r.name,
        label: RATIO_LABELS[r.name] ?? r.name,
        value: String(r.value),
        byDefault: String(r.default),
        isDefault: r.isDefault,
      })),
      history: [...input.ratios.history].reverse().map((h) => ({
        ...whenOf(h.occurredAt, h.recordedAt),
        who: h.actorName ?? 'un compte supprimé',
        source: h.source,
        reason: h.reason ?? null,
        changes:
          h.changes.length === 0
            ? 'valeurs confirmées sans changement'
            : h.changes.map((c) => `${RATIO_LABELS[c.name] ?? c.name} : ${c.from} → ${c.to}`).join(' ; '),
      })),
    },
    forms: input.forms,
    roles: [
      ['officer', roleLabel('officer')],
      ['observer', roleLabel('observer')],
      ['admin', roleLabel('admin')],
    ],
  };
};
