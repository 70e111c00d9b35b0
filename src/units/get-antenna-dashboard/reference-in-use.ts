import {
  referenceLabel,
  type ReferenceLabels,
  type ReferenceOrigin,
  type ReferenceRatios,
} from '../domain/staffing-ratios.js';

/** The reference a dashboard measures staffing against, where it comes from, and how the assumptions name it. */
export type ReferenceInUse = {
  ratios: ReferenceRatios;
  /** `request` when a query parameter differs from the ratio in force; else where the ratios in force come from. */
  origin: ReferenceOrigin;
  /** The source recorded with the organisation's ratios in force; null while the DAP's OR apply. */
  source: string | null;
  /** In French, ready to print: which ratios, and from where. */
  description: string;
  labels: ReferenceLabels;
};

const inWords = (refs: ReferenceRatios): string =>
  `1 CPIP (ETP) pour ${refs.cpipPerPeople} personnes suivies, 1 ASE pour ${refs.asePerPeople} personnes sous surveillance électronique`;

/**
 * Pure: the organisation's ratios in force (`source` null: the DAP's OR), overridden per request by the query
 * parameters. A parameter equal to the ratio in force overrides nothing: the reference stays the organisation's
 * (or the OR), and says so.
 */
export const referenceInUse = (
  inForce: { ratios: ReferenceRatios; source: string | null },
  requested: Partial<ReferenceRatios>,
): ReferenceInUse => {
  const base: ReferenceOrigin = inForce.source === null ? 'default' : 'organisation';
  const pick = (name: keyof ReferenceRatios) => {
    const asked = requested[name];
    return asked === undefined || asked === inForce.ratios[name]
      ? { value: inForce.ratios[name], origin: base }
      : { value: asked, origin: 'request' as const };
  };
  const cpip = pick('cpipPerPeople');
  const ase = pick('asePerPeople');
  const ratios = { cpipPerPeople: cpip.value, asePerPeople: ase.value };
  const origin = cpip.origin === 'request' || ase.origin === 'request' ? 'request' : base;
  const labels = {
    cpip: referenceLabel(cpip.origin, inForce.source),
    ase: referenceLabel(ase.origin, inForce.source),
  };
  const inForceWords =
    base === 'default'
      ? `les OR de la DAP retiennent 1 pour ${inForce.ratios.cpipPerPeople} et 1 pour ${inForce.ratios.asePerPeople}`
      : `l'organisation retient 1 pour ${inForce.ratios.cpipPerPeople} et 1 pour ${inForce.ratios.asePerPeople}, ` +
        `source : ${inForce.source}`;
  const description =
    origin === 'request'
      ? `Ratios de référence choisis pour cette vue : ${inWords(ratios)} (${inForceWords}).`
      : origin === 'organisation'
        ? `Ratios de référence fixés par l'organisation (source : ${inForce.source}) : ${inWords(ratios)}.`
        : `Organigrammes de référence (OR) de la DAP : ${inWords(ratios)}.`;
  return { ratios, origin, source: inForce.source, description, labels };
};
