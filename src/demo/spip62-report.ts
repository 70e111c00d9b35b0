import { type DemandCommand } from '../demands/domain/demand.commands.js';
import { type DemandCategory, type LegalBasis } from '../demands/domain/demand.events.js';
import { type ObservationCommand } from '../observations/domain/observation.commands.js';
import { type UnitCommand, type VisitCommand } from '../units/domain/units.commands.js';

/**
 * The visit report of FO Justice CPIP on two antennas of SPIP 62 (published 2024-02-23), as the commands that
 * record it. Source: shared/docs/demo-data.jsonc. What the report does not say is marked illustrative; the
 * cheffe d'antenne of Béthune appears by role, never by name.
 */
export const SOURCE_REF = 'src-fo-cpip-spip62-2024-02-23';
const REPORT_DATE = '2024-02-23';
const LONGUENESSE_VISIT = '2024-01-24';
const BETHUNE_VISIT = '2024-01-25';

export type DemoCommand =
  | { kind: 'unit'; command: UnitCommand }
  | { kind: 'visit'; command: VisitCommand }
  | { kind: 'observation'; command: ObservationCommand }
  | { kind: 'demand'; command: DemandCommand };

const unit = (
  unitId: string,
  kind: 'DAP' | 'DISP' | 'SPIP' | 'SIEGE' | 'ANTENNA',
  name: string,
  extra: { parentId?: string; milieu?: 'MO' | 'MF' | 'mixed'; establishment?: string } = {},
): DemoCommand => ({
  kind: 'unit',
  command: { type: 'RegisterUnit', occurredAt: '2024-01-01', unitId, kind, name, ...extra },
});

const units: DemoCommand[] = [
  unit('dap', 'DAP', "Direction de l'administration pénitentiaire"),
  unit('disp-lille', 'DISP', 'DISP de Lille', { parentId: 'dap' }),
  unit('spip-62', 'SPIP', 'SPIP du Pas-de-Calais (62)', { parentId: 'disp-lille' }),
  unit('spip-62-siege', 'SIEGE', 'Siège du SPIP 62', { parentId: 'spip-62' }),
  unit('ant-longuenesse', 'ANTENNA', 'ALIP du CP de Longuenesse', {
    parentId: 'spip-62',
    milieu: 'MF',
    establishment: 'Centre pénitentiaire de Longuenesse (MA, CD, SAS)',
  }),
  unit('ant-bethune', 'ANTENNA', 'ALIP MO de Béthune', { parentId: 'spip-62', milieu: 'MO' }),
  unit('ant-saint-omer', 'ANTENNA', 'ALIP MO de Saint-Omer', { parentId: 'spip-62', milieu: 'MO' }),
];

const staffing: DemoCommand[] = [
  {
    kind: 'unit',
    command: {
      type: 'RecordStaffingSnapshot',
      occurredAt: LONGUENESSE_VISIT,
      unitId: 'ant-longuenesse',
      snapshotId: 'staff-longuenesse-2024-01-24',
      asOf: LONGUENESSE_VISIT,
      lines: [
        { role: 'DFSPIP_ADJOINT', headcount: 1, note: 'Fait fonction de DPIP du grand quartier' },
        { role: 'DPIP', headcount: 1, scope: 'SAS (partagé avec Saint-Omer)' },
        {
          role: 'CPIP',
          headcount: 13,
          scope: 'grand quartier (MA+CD)',
          contractual: 1,
          note: 'Dont 1 contractuelle renouvelée pour 3 ans cette année',
        },
        { role: 'CPIP', headcount: 3, scope: 'SAS' },
        { role: 'CPIP_STAGIAIRE', headcount: 1 },
        { role: 'PA', headcount: 2, vacancies: 1, note: '1 PA en cours de licenciement, non remplacé' },
        { role: 'ASS', headcount: 2, vacancies: 2, note: 'Les 2 ASS partent, non remplacées' },
        { role: 'SERVICE_CIVIQUE', headcount: 3 },
        { role: 'DPIP', headcount: 0, vacancies: 1, scope: 'grand quartier' },
      ],
      caseload: { ppsmjPerCpipEtp: 60 },
      // No ASE line: the report says nothing of ASE at Longuenesse (unknown, not zero).
      assumptions: [
        'Ratio de 60 PPSMJ par CPIP ETP rapporté par les agents, jugé satisfaisant par l’OS',
        'Le rapport ne dit rien des ASE de l’antenne ni du nombre de personnes sous surveillance électronique',
      ],
    },
  },
  {
    kind: 'unit',
    command: {
      type: 'RecordStaffingSnapshot',
      occurredAt: BETHUNE_VISIT,
      unitId: 'ant-bethune',
      snapshotId: 'staff-bethune-2024-01-25',
      asOf: BETHUNE_VISIT,
      lines: [
        { role: 'CHEF_ANTENNE', headcount: 1, note: 'Pallie l’absence de DPIP' },
        { role: 'DPIP', headcount: 1, vacancies: 1 },
        {
          role: 'CPIP',
          headcount: 29,
          seconded: 1,
          onLongLeave: 1,
          note: '1 détaché agent de prévention au siège, 1 en CLD/CLM',
        },
        { role: 'PA', headcount: 3 },
        { role: 'ASE', headcount: 2, vacancies: 1 },
        { role: 'ASS', headcount: 1, note: 'Arrivée en février 2024' },
        { role: 'PSYCHOLOGUE', headcount: 1, scope: 'toutes les antennes du Pas-de-Calais' },
      ],
      caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
      assumptions: ['Environ 150 bracelets le jour de la visite (chiffre approximatif du rapport)'],
    },
  },
];

const visits: DemoCommand[] = [
  {
    kind: 'visit',
    command: {
      type: 'ConductVisit',
      occurredAt: LONGUENESSE_VISIT,
      visitId: 'visit-longuenesse-2024-01-24',
      antennaId: 'ant-longuenesse',
      conductedOn: LONGUENESSE_VISIT,
      sourceRef: SOURCE_REF,
    },
  },
  {
    kind: 'visit',
    command: {
      type: 'ConductVisit',
      occurredAt: BETHUNE_VISIT,
      visitId: 'visit-bethune-2024-01-25',
      antennaId: 'ant-bethune',
      conductedOn: BETHUNE_VISIT,
      sourceRef: SOURCE_REF,
    },
  },
  {
    kind: 'visit',
    command: {
      type: 'PlanVisit',
      occurredAt: REPORT_DATE,
      visitId: 'visit-autres-antennes-62',
      antennaIds: ['ant-saint-omer'],
    },
  },
];

type Obs = {
  id: string;
  antenna: 'ant-longuenesse' | 'ant-bethune';
  category: 'difficulties' | 'premises_security' | 'hr';
  topic: string;
  text: string;
  facts?: { key: string; value: string | number | (string | number)[] }[];
  legalRefs?: string[];
  sentiment?: 'positive' | 'neutral' | 'negative';
  leadsToDemand?: boolean;
  observedOn?: string;
  /** Facts dated before the visits: not observed during one. */
  outsideVisit?: boolean;
};

const observation = (o: Obs): DemoCommand => {
  const visitDate = o.antenna === 'ant-longuenesse' ? LONGUENESSE_VISIT : BETHUNE_VISIT;
  return {
    kind: 'observation',
    command: {
      type: 'RecordObservation',
      observationId: o.id,
      occurredAt: o.observedOn ?? visitDate,
      antennaId: o.antenna,
      ...(o.outsideVisit
        ? {}
        : {
            visitId:
              o.antenna === 'ant-longuenesse' ? 'visit-longuenesse-2024-01-24' : 'visit-bethune-2024-01-25',
          }),
      category: o.category,
      topic: o.topic,
      text: o.text,
      facts: o.facts ?? [],
      sentiment: o.sentiment ?? 'negative',
      legalRefs: o.legalRefs ?? [],
      leadsToDemand: o.leadsToDemand ?? true,
      observedOn: o.observedOn ?? visitDate,
    },
  };
};

const L = 'ant-longuenesse' as const;
const B = 'ant-bethune' as const;

const observations: DemoCommand[] = [
  // Dated facts the report recalls (shared/docs/demo-data.jsonc, dated_facts_timeline).
  observation({
    id: 'obs-B06-rps-2023-09',
    antenna: 'ant-bethune',
    category: 'difficulties',
    topic: 'RPS_FINDINGS_DELIVERED',
    text: "Restitution de l'enquête RPS de l'ALIP de Béthune par la psychologue chargée de l'enquête (septembre 2023 ; le jour n'est pas précisé).",
    facts: [{ key: 'date_precision', value: 'mois' }],
    observedOn: '2023-09-01',
    outsideVisit: true,
  }),
  observation({
    id: 'obs-B10-csa-2023-10-13',
    antenna: 'ant-bethune',
    category: 'premises_security',
    topic: 'CSA_RELOCATION_PRESENTED',
    text: "CSA SPIP local du 13 octobre 2023 : présentation du projet de déménagement de l'ALIP de Béthune (locaux non loin de la MA de Béthune). Le rapport ne dit pas si l'OS s'y est exprimée.",
    observedOn: '2023-10-13',
    outsideVisit: true,
    sentiment: 'neutral',
  }),
  observation({
    id: 'obs-L01',
    antenna: L,
    category: 'difficulties',
    topic: 'CAP_RHYTHM',
    text: 'Rythme soutenu des CAP : 3 CAP par mois.',
    facts: [{ key: 'cap_per_month', value: 3 }],
    leadsToDemand: false,
  }),
  observation({
    id: 'obs-L02',
    antenna: L,
    category: 'difficulties',
    topic: 'CAP_LSC_TIMING',
    text: 'Rôle de la CAP LSC reçu 10 jours avant ; rapports au JAP dus 8 jours avant : 2 jours pour préparer.',
    facts: [
      { key: 'role_notice_days', value: 10 },
      { key: 'report_deadline_days_before_cap', value: 8 },
      { key: 'prep_window_days', value: 2 },
    ],
    legalRefs: ['CPP art. D147-21 (en temps utile)', 'CPP art. 720 II (LSC de plein droit)'],
  }),
  observation({
    id: 'obs-L03',
    antenna: L,
    category: 'difficulties',
    topic: 'RELOCATION_OUTSIDE_PRISON',
    text: "Futur déménagement des bureaux de l'antenne à l'extérieur de l'établissement et contraintes professionnelles associées.",
  }),
  observation({
    id: 'obs-L04',
    antenna: L,
    category: 'premises_security',
    topic: 'OFFICES_GRAND_QUARTIER',
    text: 'Au 2e étage du grand quartier, près du greffe et de la comptabilité : 1 bureau PA, 1 bureau DPIP, 2 grands bureaux (4 et 6 places) partagés par CPIP, ASS et stagiaires. Les agents disent que ces conditions leur conviennent ; bonne cohésion.',
    facts: [
      { key: 'floor', value: 2 },
      { key: 'shared_office_capacities', value: [4, 6] },
    ],
    sentiment: 'neutral',
    leadsToDemand: false,
  }),
  observation({
    id: 'obs-L05',
    antenna: L,
    category: 'premises_security',
    topic: 'PMR_ACCESSIBILITY',
    text: "Pas d'ascenseur dans le bâtiment du grand quartier abritant une partie des bureaux : inaccessible aux PMR.",
    legalRefs: ['Loi n° 2005-102 du 11 février 2005'],
  }),
  observation({
    id: 'obs-L06',
    antenna: L,
    category: 'premises_security',
    topic: 'OFFICES_SAS',
    text: 'SAS : 3 bureaux au 1er étage.',
    facts: [
      { key: 'sas_offices', value: 3 },
      { key: 'floor', value: 1 },
    ],
    sentiment: 'neutral',
    leadsToDemand: false,
  }),
  observation({
    id: 'obs-L07',
    antenna: L,
    category: 'premises_security',
    topic: 'MIXED_ANTENNA_PROJECT',
    text: "Projet de nouvelle antenne mixte (ALIP MO Saint-Omer + ALIP CP Longuenesse) présenté aux agents avec des plans déjà réalisés ; agents non consultés. Impacts : portique à chaque entrée, rupture avec greffe, comptabilité, secrétariat de direction et détention (isolement), identification comme personnel pénitentiaire remise en cause, gestion des urgences moins rapide, dossiers sortant de l'établissement.",
  }),
  observation({
    id: 'obs-L09',
    antenna: L,
    category: 'hr',
    topic: 'CASELOAD_RATIO',
    text: '1 CPIP ETP suit en moyenne 60 PPSMJ : ratio satisfaisant.',
    facts: [{ key: 'ppsmj_per_cpip_etp', value: 60 }],
    sentiment: 'positive',
    leadsToDemand: false,
  }),
  observation({
    id: 'obs-L10',
    antenna: L,
    category: 'hr',
    topic: 'VACANCIES',
    text: 'Manquent un DPIP, un PA, et très prochainement 2 ASS ; impact sur les conditions de travail malgré le ratio.',
  }),
  observation({
    id: 'obs-L11',
    antenna: L,
    category: 'hr',
    topic: 'CLIMATE',
    text: "Bon esprit d'équipe ; bonnes relations avec la hiérarchie du SPIP et l'établissement.",
    sentiment: 'positive',
    leadsToDemand: false,
  }),
  observation({
    id: 'obs-B01',
    antenna: B,
    category: 'difficulties',
    topic: 'LOCATION_TRANSPORT',
    text: 'Locaux en zone industrielle ; transports en commun peu développés pour les personnes suivies, malgré la faculté voisine.',
  }),
  observation({
    id: 'obs-B02',
    antenna: B,
    category: 'difficulties',
    topic: 'PARKING',
    text: 'Parking insuffisant pour toute l’équipe.',
  }),
  observation({
    id: 'obs-B03',
    antenna: B,
    category: 'difficulties',
    topic: 'PARTNER_CMP_SHORTAGE',
    text: 'Manque de personnel dans les CMP du secteur : mise en place des obligations de soins compliquée (question partenariale, pas une revendication auprès de la direction).',
    leadsToDemand: false,
  }),
  observation({
    id: 'obs-B04',
    antenna: B,
    category: 'premises_security',
    topic: 'RECEPTION_NO_AIRLOCK',
    text: "La configuration du site ne permet pas d'effet de sas à l'accueil : niveau de sécurité réduit.",
  }),
  observation({
    id: 'obs-B05',
    antenna: B,
    category: 'premises_security',
    topic: 'SECURITY_PROCEDURES_UNKNOWN',
    text: "Des CPIP ne connaissent pas de procédures claires en cas d'incident (ex. alarme déclenchée dans un box d'entretien) ; l'OS s'interroge sur leur existence.",
  }),
  observation({
    id: 'obs-B06',
    antenna: B,
    category: 'difficulties',
    topic: 'RPS_NO_FOLLOWUP',
    text: 'Dégradation des conditions de travail depuis plusieurs années ; enquête RPS réalisée ; restitution en septembre 2023 par la psychologue en charge ; rien de concret mis en place depuis.',
    facts: [{ key: 'rps_feedback_month', value: '2023-09' }],
    legalRefs: ['Accord-cadre RPS du 22 octobre 2013'],
  }),
  observation({
    id: 'obs-B07',
    antenna: B,
    category: 'difficulties',
    topic: 'ADMIN_TENSIONS',
    text: 'Tensions : remboursements CHORUS DT, démarches administratives (ORIGINE…), communication parfois compliquée avec le siège du SPIP.',
  }),
  observation({
    id: 'obs-B08',
    antenna: B,
    category: 'premises_security',
    topic: 'OPEN_SPACES_NOISE',
    text: 'Travaux récents : 3 open-spaces jusqu’à 9 personnes (2 complets, le 3e avec 5 CPIP) + 2 bureaux de 3 et 4 places ; bruit. Le télétravail réduit la présence et améliore légèrement les conditions.',
    facts: [
      { key: 'open_spaces', value: 3 },
      { key: 'open_space_capacity', value: 9 },
      { key: 'small_offices_capacity', value: [3, 4] },
    ],
  }),
  observation({
    id: 'obs-B09',
    antenna: B,
    category: 'premises_security',
    topic: 'ASE_PA_SHARED_OFFICE',
    text: 'Les ASE ont quitté leur bureau et partagent celui du secrétariat avec 2 PA ; manque d’ergonomie ; prises réseau filaires insuffisantes (1 poste en wifi sur le réseau justice) ; archives déplacées dans le couloir et une pièce à part.',
    facts: [
      { key: 'pa_in_shared_office', value: 2 },
      { key: 'pcs_on_wifi', value: 1 },
    ],
  }),
  observation({
    id: 'obs-B10',
    antenna: B,
    category: 'premises_security',
    topic: 'RELOCATION_PROJECT',
    text: 'Projet de déménagement présenté le 13 octobre 2023 en CSA SPIP local ; locaux non loin de la MA de Béthune.',
  }),
  observation({
    id: 'obs-B12',
    antenna: B,
    category: 'hr',
    topic: 'CASELOAD_RATIO',
    text: '1 CPIP ETP suit en moyenne 85 à 90 PPSMJ ; manque de CPIP au regard des OR ; ratios passés bien supérieurs.',
    facts: [{ key: 'ppsmj_per_cpip_etp_range', value: [85, 90] }],
  }),
  observation({
    id: 'obs-B13',
    antenna: B,
    category: 'hr',
    topic: 'VACANCIES',
    text: 'Manquent au moins 1 DPIP (la cheffe d’antenne pallie) et au moins 1 ASE (OR : 1 ASE pour 50 PPSMJ ; 2 ASE pour environ 150 bracelets).',
  }),
];

type Dem = {
  id: string;
  antenna: 'ant-longuenesse' | 'ant-bethune';
  title: string;
  explicit: boolean;
  category: DemandCategory;
  priority: 'low' | 'medium' | 'high';
  level: 'local' | 'disp' | 'national';
  addressees: [string, string][];
  basis: string[];
  quote?: string;
  /** Legal bases: `source` when the report cites them, `officer` for the officer's own additions. */
  legalBases?: LegalBasis[];
};

const demands: Dem[] = [
  {
    id: 'dem-L1',
    antenna: L,
    title: 'Délai suffisant pour préparer la CAP LSC (rôle transmis plus tôt)',
    explicit: false,
    category: 'missions_procedures',
    priority: 'medium',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ['JAP', 'jap-ressort'],
    ],
    basis: ['obs-L02'],
    legalBases: [
      {
        reference: 'Code de procédure pénale, art. D147-21',
        text:
          'Le service pénitentiaire d’insertion et de probation transmet en temps utile au juge de l’application ' +
          'des peines, avant la réunion de la commission de l’application des peines […] son avis sur la mesure ' +
          'la plus adaptée.',
        origin: 'source',
      },
    ],
  },
  {
    id: 'dem-L2',
    antenna: L,
    title:
      "Concertation des agents MF sur le projet d'antenne mixte et information claire sur la réorganisation de service",
    explicit: true,
    quote: 'souhaite que des solutions puissent être trouvées, en concertation avec les collègues',
    category: 'work_organisation',
    priority: 'high',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ['DI / immobilier', 'disp-lille'],
    ],
    basis: ['obs-L03', 'obs-L07'],
  },
  {
    id: 'dem-L3',
    antenna: L,
    title: "Conserver intégralement les bureaux SPIP existants au sein de l'établissement",
    explicit: true,
    quote: 'voire que les bureaux existants… soient conservés dans leur intégralité',
    category: 'premises',
    priority: 'high',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ["chef d'établissement", 'etab-cp-longuenesse'],
      ['immobilier', 'disp-lille'],
    ],
    basis: ['obs-L07'],
  },
  {
    id: 'dem-L4',
    antenna: L,
    title: 'Laisser aux agents le choix de rejoindre ou non les nouveaux locaux',
    explicit: true,
    category: 'work_organisation',
    priority: 'medium',
    level: 'local',
    addressees: [['DFSPIP', 'spip-62']],
    basis: ['obs-L07'],
  },
  {
    id: 'dem-L5',
    antenna: L,
    title: 'Accessibilité PMR des bureaux du grand quartier (ascenseur / mise en conformité loi 2005)',
    explicit: false,
    quote: "l'AP n'est pas en règle avec la loi du 11 février 2005",
    category: 'premises',
    priority: 'medium',
    level: 'disp',
    addressees: [
      ['immobilier', 'disp-lille'],
      ["chef d'établissement", 'etab-cp-longuenesse'],
    ],
    basis: ['obs-L05'],
    legalBases: [
      {
        reference:
          'Loi n° 2005-102 du 11 février 2005 pour l’égalité des droits et des chances, la participation et la ' +
          'citoyenneté des personnes handicapées',
        origin: 'source',
      },
    ],
  },
  {
    id: 'dem-L6',
    antenna: L,
    title: 'Pourvoir le poste de DPIP du grand quartier',
    explicit: false,
    category: 'staffing_recruitment',
    priority: 'medium',
    level: 'national',
    addressees: [
      ['mobilité DPIP', 'dap'],
      ['RH', 'disp-lille'],
    ],
    basis: ['obs-L10'],
  },
  {
    id: 'dem-L7',
    antenna: L,
    title: 'Remplacer le PA sortant',
    explicit: false,
    category: 'staffing_recruitment',
    priority: 'medium',
    level: 'disp',
    addressees: [
      ['RH', 'disp-lille'],
      ['DFSPIP', 'spip-62'],
    ],
    basis: ['obs-L10'],
  },
  {
    id: 'dem-L8',
    antenna: L,
    title: 'Remplacer les 2 ASS sortantes (GQ et SAS)',
    explicit: false,
    category: 'staffing_recruitment',
    priority: 'medium',
    level: 'national',
    addressees: [
      ['mobilité ASS', 'dap'],
      ['RH', 'disp-lille'],
    ],
    basis: ['obs-L10'],
  },
  {
    id: 'dem-B1',
    antenna: B,
    title: "Plan d'action concret suite à l'enquête RPS (restitution sept. 2023)",
    explicit: false,
    quote: "rien de concret n'aurait été mis en place à la suite de cette enquête",
    category: 'health_safety_rps',
    priority: 'high',
    level: 'local',
    addressees: [['DFSPIP (chef de service)', 'spip-62']],
    basis: ['obs-B06'],
    // The report mentions neither the DUERP nor these texts: the officer's own additions, marked as such.
    legalBases: [
      {
        reference:
          'Accord-cadre du 22 octobre 2013 relatif à la prévention des RPS dans la fonction publique',
        origin: 'officer',
      },
      { reference: 'Circulaire du 20 mai 2014 (plans de prévention des RPS)', origin: 'officer' },
      {
        reference: 'Décret n° 2001-1016 (document unique d’évaluation des risques, DUERP)',
        origin: 'officer',
      },
      {
        reference: 'Décret n° 82-453 (hygiène et sécurité du travail dans la fonction publique)',
        origin: 'officer',
      },
    ],
  },
  {
    id: 'dem-B2',
    antenna: B,
    title: "Procédures de sécurité écrites, claires et connues de tous (alarme box d'entretien, incidents)",
    explicit: false,
    category: 'health_safety_rps',
    priority: 'high',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ["cheffe d'antenne", 'ant-bethune'],
    ],
    basis: ['obs-B05'],
  },
  {
    id: 'dem-B3',
    antenna: B,
    title: "Sécuriser l'accueil (effet de sas) – à intégrer au projet de nouveaux locaux",
    explicit: false,
    category: 'premises',
    priority: 'medium',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ['immobilier', 'disp-lille'],
    ],
    basis: ['obs-B04'],
  },
  {
    id: 'dem-B4',
    antenna: B,
    title: "Associer l'ensemble des collègues au projet de déménagement",
    explicit: true,
    quote: "espère que l'ensemble des collègues seront associés",
    category: 'work_organisation',
    priority: 'high',
    level: 'local',
    addressees: [['DFSPIP', 'spip-62']],
    basis: ['obs-B10'],
  },
  {
    id: 'dem-B5',
    antenna: B,
    title: 'Nouveaux locaux : bureaux individuels ou open-spaces beaucoup plus réduits',
    explicit: true,
    quote:
      'il sera nécessaire de prévoir des bureaux individuels ou des « open-space » beaucoup plus réduits',
    category: 'premises',
    priority: 'high',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ['immobilier', 'disp-lille'],
    ],
    basis: ['obs-B08', 'obs-B10'],
  },
  {
    id: 'dem-B6',
    antenna: B,
    title: 'Prise en compte du sous-effectif CPIP lors de la prochaine campagne de mobilité CPIP',
    explicit: true,
    quote:
      'espère donc que le manque de personnel … sera pris en compte par la DAP lors de la prochaine campagne de mobilité CPIP',
    category: 'staffing_recruitment',
    priority: 'high',
    level: 'national',
    addressees: [['bureau RH / mobilité CPIP', 'dap']],
    basis: ['obs-B12'],
  },
  {
    id: 'dem-B7',
    antenna: B,
    title: 'Affecter au moins 1 DPIP supplémentaire',
    explicit: true,
    category: 'staffing_recruitment',
    priority: 'medium',
    level: 'national',
    addressees: [['mobilité DPIP', 'dap']],
    basis: ['obs-B13'],
  },
  {
    id: 'dem-B8',
    antenna: B,
    title: 'Recruter au moins 1 ASE (ratio OR 1 pour 50)',
    explicit: true,
    category: 'staffing_recruitment',
    priority: 'high',
    level: 'national',
    addressees: [
      ['mobilité surveillants', 'dap'],
      ['RH', 'disp-lille'],
    ],
    basis: ['obs-B13'],
    legalBases: [
      {
        reference: 'Organigrammes de référence (OR) de la DAP',
        text: '1 ASE est censé suivre 50 PPSMJ d’après les OR (cité par le rapport).',
        origin: 'source',
      },
    ],
  },
  {
    id: 'dem-B9',
    antenna: B,
    title: "Bureau adapté pour ASE/PA : prises réseau filaires suffisantes, ergonomie, espace d'archives",
    explicit: false,
    category: 'it_equipment',
    priority: 'medium',
    level: 'local',
    addressees: [
      ['DFSPIP', 'spip-62'],
      ['informatique / immobilier', 'disp-lille'],
    ],
    basis: ['obs-B09'],
  },
  {
    id: 'dem-B10',
    antenna: B,
    title: 'Fluidifier CHORUS DT, démarches administratives (ORIGINE) et communication avec le siège',
    explicit: false,
    category: 'missions_procedures',
    priority: 'medium',
    level: 'local',
    addressees: [
      ['services administratifs', 'spip-62-siege'],
      ['service gestionnaire', 'disp-lille'],
    ],
    basis: ['obs-B07'],
  },
  {
    id: 'dem-B11',
    antenna: B,
    title:
      'Stationnement suffisant pour l’équipe (et desserte transports pour le public – critère du futur site)',
    explicit: false,
    category: 'premises',
    priority: 'low',
    level: 'local',
    addressees: [['DFSPIP', 'spip-62']],
    basis: ['obs-B01', 'obs-B02'],
  },
];

const RESPONSE_DUE = '2024-03-24';

const demandCommands: DemoCommand[] = demands.flatMap((d): DemoCommand[] => {
  const [first] = d.addressees;
  return [
    {
      kind: 'demand',
      command: {
        type: 'RaiseDemand',
        demandId: d.id,
        occurredAt: REPORT_DATE,
        antennaId: d.antenna,
        title: d.title,
        category: d.category,
        explicit: d.explicit,
        ...(d.quote ? { quote: d.quote } : {}),
        priority: d.priority,
        addressees: d.addressees.map(([role, organisation]) => ({ role, organisation })),
        level: d.level,
        observationIds: d.basis,
        legalBases: d.legalBases ?? [],
        sourceRef: SOURCE_REF,
      },
    },
    // For the demo (domain.md 4.7): the report's publication and a letter to the DFSPIP count as the submission,
    // with the union's default 30-day response window. Marked illustrative.
    {
      kind: 'demand',
      command: {
        type: 'SubmitDemand',
        demandId: d.id,
        occurredAt: REPORT_DATE,
        channel: 'visit_report',
        addressee: { role: first?.[0] ?? 'DFSPIP', organisation: first?.[1] ?? 'spip-62' },
        responseDueAt: RESPONSE_DUE,
      },
    },
  ];
});

/** The whole report, in the order it happened. */
export const spip62Report: readonly DemoCommand[] = [
  ...units,
  ...visits.slice(0, 2),
  ...staffing,
  ...observations,
  ...demandCommands,
  ...visits.slice(2),
];

/** Commands that record what the report does not say (shown as illustrative). */
export const ILLUSTRATIVE_COMMANDS = new Set(['SubmitDemand']);
