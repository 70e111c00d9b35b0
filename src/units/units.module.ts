import { Module } from '@nestjs/common';
import { ConductVisitController } from './conduct-visit/conduct-visit.controller.js';
import { ConductVisitHandler } from './conduct-visit/conduct-visit.handler.js';
import { GetAntennaDashboardController } from './get-antenna-dashboard/get-antenna-dashboard.controller.js';
import { GetAntennaDashboardHandler } from './get-antenna-dashboard/get-antenna-dashboard.handler.js';
import { ListAntennasController } from './list-antennas/list-antennas.controller.js';
import { ListAntennasHandler } from './list-antennas/list-antennas.handler.js';
import { ListVisitsController } from './list-visits/list-visits.controller.js';
import { ListVisitsHandler } from './list-visits/list-visits.handler.js';
import { ListUnitsController } from './list-units/list-units.controller.js';
import { ListUnitsHandler } from './list-units/list-units.handler.js';
import { PlanVisitController } from './plan-visit/plan-visit.controller.js';
import { PlanVisitHandler } from './plan-visit/plan-visit.handler.js';
import { RecordStaffingSnapshotController } from './record-staffing-snapshot/record-staffing-snapshot.controller.js';
import { RecordStaffingSnapshotHandler } from './record-staffing-snapshot/record-staffing-snapshot.handler.js';
import { RegisterUnitController } from './register-unit/register-unit.controller.js';
import { RegisterUnitHandler } from './register-unit/register-unit.handler.js';

const commandHandlers = [
  RegisterUnitHandler,
  RecordStaffingSnapshotHandler,
  PlanVisitHandler,
  ConductVisitHandler,
];
const queryHandlers = [ListUnitsHandler, ListAntennasHandler, GetAntennaDashboardHandler, ListVisitsHandler];

/** Units (DAP > DISP > SPIP > antennas), antenna staffing snapshots, union visits, and the antenna dashboards. */
@Module({
  controllers: [
    ListUnitsController,
    RegisterUnitController,
    ListAntennasController,
    GetAntennaDashboardController,
    RecordStaffingSnapshotController,
    PlanVisitController,
    ConductVisitController,
    ListVisitsController,
  ],
  providers: [...commandHandlers, ...queryHandlers],
})
export class UnitsModule {}
