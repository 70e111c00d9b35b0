import type {
  ConductVisit,
  PlanVisit,
  RecordStaffingSnapshot,
  RegisterUnit,
} from '../../../src/units/domain/units.commands.js';
import type {
  StaffingSnapshot,
  StaffingSnapshotRecorded,
  UnitRegistered,
  VisitConducted,
  VisitPlanned,
} from '../../../src/units/domain/units.events.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Overrides<C> = Partial<Omit<Mutable<C>, 'type'>>;

export const REGISTERED_AT = '2024-02-23T09:00:00.000Z';

/** Staffing of the ALIP MO de Béthune on 2024-01-25 (seed). */
export const bethuneSnapshot = (): StaffingSnapshot => ({
  snapshotId: 'staff-bethune-2024-01-25',
  asOf: '2024-01-25',
  lines: [
    { role: 'CHEF_ANTENNE', headcount: 1, note: 'compense le DPIP manquant' },
    { role: 'DPIP', headcount: 1, vacancies: 1 },
    {
      role: 'CPIP',
      headcount: 29,
      seconded: 1,
      onLongLeave: 1,
      note: 'agent de prévention au siège; CLD/CLM',
    },
    { role: 'PA', headcount: 3 },
    { role: 'ASE', headcount: 2, vacancies: 1 },
    { role: 'ASS', headcount: 1 },
    { role: 'PSYCHOLOGUE', headcount: 1, scope: 'toutes les antennes du Pas-de-Calais' },
  ],
  caseload: { ppsmjPerCpipEtp: [85, 90], peopleUnderElectronicMonitoring: 150 },
  assumptions: ['Environ 150 bracelets le jour de la visite.'],
});

/** Staffing of the ALIP du CP de Longuenesse on 2024-01-24 (seed). */
export const longuenesseSnapshot = (): StaffingSnapshot => ({
  snapshotId: 'staff-longuenesse-2024-01-24',
  asOf: '2024-01-24',
  lines: [
    { role: 'DFSPIP_ADJOINT', headcount: 1, note: 'fait fonction de DPIP du grand quartier' },
    { role: 'DPIP', headcount: 1, scope: 'SAS', vacancies: 1 },
    { role: 'CPIP', headcount: 13, scope: 'grand quartier (MA+CD)', contractual: 1 },
    { role: 'CPIP', headcount: 3, scope: 'SAS' },
    { role: 'CPIP_STAGIAIRE', headcount: 1 },
    { role: 'PA', headcount: 2, vacancies: 1 },
    { role: 'ASS', headcount: 2, vacancies: 2 },
    { role: 'SERVICE_CIVIQUE', headcount: 3 },
  ],
  caseload: { ppsmjPerCpipEtp: 60 },
  assumptions: [],
});

export const unitRegistered = (overrides: Partial<UnitRegistered['data']> = {}): UnitRegistered => ({
  type: 'UnitRegistered',
  data: {
    unitId: 'ant-bethune',
    occurredAt: REGISTERED_AT,
    kind: 'ANTENNA',
    name: 'ALIP MO de Béthune',
    parentId: 'spip-62',
    milieu: 'MO',
    ...overrides,
  },
});

export const staffingSnapshotRecorded = (
  overrides: Partial<StaffingSnapshotRecorded['data']> = {},
): StaffingSnapshotRecorded => ({
  type: 'StaffingSnapshotRecorded',
  data: { unitId: 'ant-bethune', occurredAt: REGISTERED_AT, ...bethuneSnapshot(), ...overrides },
});

export const registerUnit = (overrides: Overrides<RegisterUnit> = {}): RegisterUnit => ({
  type: 'RegisterUnit',
  unitId: 'ant-bethune',
  occurredAt: REGISTERED_AT,
  kind: 'ANTENNA',
  name: 'ALIP MO de Béthune',
  parentId: 'spip-62',
  parentKind: 'SPIP',
  milieu: 'MO',
  ...overrides,
});

export const recordStaffingSnapshot = (
  overrides: Overrides<RecordStaffingSnapshot> = {},
): RecordStaffingSnapshot => ({
  type: 'RecordStaffingSnapshot',
  unitId: 'ant-bethune',
  occurredAt: REGISTERED_AT,
  ...bethuneSnapshot(),
  ...overrides,
});

export const VISIT_ID = 'visit-fo-2024-01';

export const visitPlanned = (overrides: Partial<VisitPlanned['data']> = {}): VisitPlanned => ({
  type: 'VisitPlanned',
  data: {
    visitId: VISIT_ID,
    occurredAt: '2024-01-10T09:00:00.000Z',
    antennaIds: ['ant-longuenesse', 'ant-bethune'],
    plannedFor: '2024-01-24',
    ...overrides,
  },
});

export const visitConducted = (overrides: Partial<VisitConducted['data']> = {}): VisitConducted => ({
  type: 'VisitConducted',
  data: {
    visitId: VISIT_ID,
    occurredAt: '2024-01-24T17:00:00.000Z',
    antennaId: 'ant-longuenesse',
    conductedOn: '2024-01-24',
    ...overrides,
  },
});

export const planVisit = (overrides: Overrides<PlanVisit> = {}): PlanVisit => ({
  type: 'PlanVisit',
  visitId: VISIT_ID,
  occurredAt: '2024-01-10T09:00:00.000Z',
  antennaIds: ['ant-longuenesse', 'ant-bethune'],
  plannedFor: '2024-01-24',
  ...overrides,
});

export const conductVisit = (overrides: Overrides<ConductVisit> = {}): ConductVisit => ({
  type: 'ConductVisit',
  visitId: VISIT_ID,
  occurredAt: '2024-01-24T17:00:00.000Z',
  antennaId: 'ant-longuenesse',
  conductedOn: '2024-01-24',
  ...overrides,
});

/** The SPIP 62 chain and the report's two antennas, parents first, as `POST /api/units` takes them. */
export const SPIP62_UNITS = [
  { unitId: 'dap', kind: 'DAP', name: "Direction de l'administration pénitentiaire" },
  { unitId: 'disp-lille', kind: 'DISP', name: 'DISP de Lille', parentId: 'dap' },
  { unitId: 'spip-62', kind: 'SPIP', name: 'SPIP du Pas-de-Calais (62)', parentId: 'disp-lille' },
  { unitId: 'ant-bethune', kind: 'ANTENNA', name: 'ALIP MO de Béthune', parentId: 'spip-62', milieu: 'MO' },
  {
    unitId: 'ant-longuenesse',
    kind: 'ANTENNA',
    name: 'ALIP du CP de Longuenesse',
    parentId: 'spip-62',
    milieu: 'MF',
    establishment: 'CP de Longuenesse',
  },
];
