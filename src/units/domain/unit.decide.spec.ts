import { deciderSpec } from '../../../test/support/decider-spec.js';
import {
  REGISTERED_AT,
  bethuneSnapshot,
  recordStaffingSnapshot,
  registerUnit,
  staffingSnapshotRecorded,
  unitRegistered,
} from '../../../test/support/builders/units.js';
import { unitDecider } from './unit.decide.js';
import { unitStreamId } from './unit.js';
import {
  StaffingSnapshotAlreadyRecordedError,
  UnitAlreadyExistsError,
  UnitInvalidError,
  UnitNotAnAntennaError,
  UnitNotFoundError,
} from './units.errors.js';
import { UNIT_EVENT_TYPES } from './units.events.js';

const { given } = deciderSpec(unitDecider);

const rule = (expected: string) => (error: { details: Record<string, unknown> }) =>
  expect(error.details.rule).toBe(expected);

describe('Unit › When new', () => {
  it('registers an antenna under its SPIP', () =>
    given([])
      .when(registerUnit())
      .then([unitRegistered()], (state) =>
        expect(state).toMatchObject({
          status: 'REGISTERED',
          kind: 'ANTENNA',
          milieu: 'MO',
          parentId: 'spip-62',
        }),
      ));

  it('registers an MF antenna with its establishment', () =>
    given([])
      .when(
        registerUnit({
          unitId: 'ant-longuenesse',
          name: 'ALIP du CP de Longuenesse',
          milieu: 'MF',
          establishment: 'CP de Longuenesse',
        }),
      )
      .then([
        unitRegistered({
          unitId: 'ant-longuenesse',
          name: 'ALIP du CP de Longuenesse',
          milieu: 'MF',
          establishment: 'CP de Longuenesse',
        }),
      ]));

  it('registers the DAP without a parent', () =>
    given([])
      .when(
        registerUnit({
          unitId: 'dap',
          kind: 'DAP',
          name: "Direction de l'administration pénitentiaire",
          parentId: undefined,
          parentKind: undefined,
          milieu: undefined,
        }),
      )
      .then([
        {
          type: 'UnitRegistered',
          data: {
            unitId: 'dap',
            occurredAt: REGISTERED_AT,
            kind: 'DAP',
            name: "Direction de l'administration pénitentiaire",
          },
        },
      ]));

  it.each([
    { kind: 'DISP' as const, parentKind: 'DAP' as const },
    { kind: 'SPIP' as const, parentKind: 'DISP' as const },
    { kind: 'SIEGE' as const, parentKind: 'SPIP' as const },
  ])('registers a $kind under a $parentKind', ({ kind, parentKind }) =>
    given([])
      .when(registerUnit({ unitId: 'u', kind, name: 'Unité', parentId: 'p', parentKind, milieu: undefined }))
      .then([
        {
          type: 'UnitRegistered',
          data: { unitId: 'u', occurredAt: REGISTERED_AT, kind, name: 'Unité', parentId: 'p' },
        },
      ]),
  );

  it('refuses a unit other than the DAP without a parent', () =>
    given([])
      .when(registerUnit({ parentId: undefined, parentKind: undefined }))
      .thenThrows(UnitInvalidError, rule('REQUIRED')));

  it('refuses a parent for the DAP', () =>
    given([])
      .when(registerUnit({ unitId: 'dap', kind: 'DAP', milieu: undefined }))
      .thenThrows(UnitInvalidError, rule('NO_PARENT_ALLOWED')));

  it('refuses an antenna directly under a DISP', () =>
    given([])
      .when(registerUnit({ parentKind: 'DISP' }))
      .thenThrows(UnitInvalidError, rule('WRONG_PARENT_KIND')));

  it('refuses a parent whose kind the caller did not give', () =>
    given([])
      .when(registerUnit({ parentKind: undefined }))
      .thenThrows(UnitInvalidError, rule('WRONG_PARENT_KIND')));

  it('refuses an antenna without milieu', () =>
    given([])
      .when(registerUnit({ milieu: undefined }))
      .thenThrows(UnitInvalidError, rule('REQUIRED')));

  it('refuses a milieu on a SPIP', () =>
    given([])
      .when(registerUnit({ kind: 'SPIP', parentKind: 'DISP', milieu: 'MO' }))
      .thenThrows(UnitInvalidError, rule('MILIEU_ONLY_FOR_ANTENNA')));

  it('refuses an unknown kind', () =>
    given([])
      .when(registerUnit({ kind: 'ALIP_GROUP' as never }))
      .thenThrows(UnitInvalidError, rule('UNKNOWN_VALUE')));

  it('refuses a unit without a name', () =>
    given([])
      .when(registerUnit({ name: '' }))
      .thenThrows(UnitInvalidError, rule('REQUIRED')));

  it('refuses a staffing snapshot for an unknown unit', () =>
    given([])
      .when(recordStaffingSnapshot())
      .thenThrows(UnitNotFoundError, (e) => expect(e.kind).toBe('not_found')));
});

describe('Unit › When registered', () => {
  const antenna = [unitRegistered()];

  it('refuses to be registered twice', () =>
    given(antenna).when(registerUnit()).thenThrows(UnitAlreadyExistsError));

  it('records a staffing snapshot on an antenna', () =>
    given(antenna)
      .when(recordStaffingSnapshot())
      .then([staffingSnapshotRecorded()], (state) => {
        if (state.status === 'INITIAL') throw new Error('expected a unit');
        expect(state.latestSnapshot).toEqual(bethuneSnapshot());
      }));

  it('keeps the latest snapshot by date, whatever the recording order', () =>
    given([...antenna, staffingSnapshotRecorded()])
      .when(recordStaffingSnapshot({ snapshotId: 'staff-bethune-2023', asOf: '2023-06-01' }))
      .then([staffingSnapshotRecorded({ snapshotId: 'staff-bethune-2023', asOf: '2023-06-01' })], (state) => {
        if (state.status === 'INITIAL') throw new Error('expected a unit');
        expect(state.snapshots).toHaveLength(2);
        expect(state.latestSnapshot?.snapshotId).toBe('staff-bethune-2024-01-25');
      }));

  it('drops absent optional fields and defaults the lists', () =>
    given(antenna)
      .when(
        recordStaffingSnapshot({
          lines: [{ role: 'CPIP', headcount: 3, note: undefined }],
          caseload: undefined,
          assumptions: undefined,
        }),
      )
      .then([
        staffingSnapshotRecorded({ lines: [{ role: 'CPIP', headcount: 3 }], caseload: {}, assumptions: [] }),
      ]));

  it('refuses a snapshot recorded twice', () =>
    given([...antenna, staffingSnapshotRecorded()])
      .when(recordStaffingSnapshot())
      .thenThrows(StaffingSnapshotAlreadyRecordedError));

  it('refuses a snapshot on a unit that is not an antenna', () =>
    given([unitRegistered({ unitId: 'spip-62', kind: 'SPIP', parentId: 'disp-lille', milieu: undefined })])
      .when(recordStaffingSnapshot({ unitId: 'spip-62' }))
      .thenThrows(UnitNotAnAntennaError));

  it('refuses a snapshot without lines', () =>
    given(antenna)
      .when(recordStaffingSnapshot({ lines: [] }))
      .thenThrows(UnitInvalidError, rule('REQUIRED')));

  it('refuses a negative headcount', () =>
    given(antenna)
      .when(recordStaffingSnapshot({ lines: [{ role: 'CPIP', headcount: -1 }] }))
      .thenThrows(UnitInvalidError, rule('INVALID_COUNT')));

  it('refuses more people away than on the books', () =>
    given(antenna)
      .when(recordStaffingSnapshot({ lines: [{ role: 'CPIP', headcount: 2, seconded: 1, onLongLeave: 2 }] }))
      .thenThrows(UnitInvalidError, rule('MORE_THAN_HEADCOUNT')));

  it('refuses an inverted ratio range', () =>
    given(antenna)
      .when(recordStaffingSnapshot({ caseload: { ppsmjPerCpipEtp: [90, 85] } }))
      .thenThrows(UnitInvalidError, rule('INVALID_RATIO')));

  it('refuses a malformed date', () =>
    given(antenna)
      .when(recordStaffingSnapshot({ asOf: 'janvier' }))
      .thenThrows(UnitInvalidError, rule('INVALID_DATE')));
});

describe('Unit › contract', () => {
  it('lists its event types and names its stream', () => {
    expect(UNIT_EVENT_TYPES).toEqual(['UnitRegistered', 'StaffingSnapshotRecorded']);
    expect(unitStreamId('ant-bethune')).toBe('unit-ant-bethune');
  });
});
