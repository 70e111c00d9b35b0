import { Module } from '@nestjs/common';
import { CorrectObservationController } from './correct-observation/correct-observation.controller.js';
import { CorrectObservationHandler } from './correct-observation/correct-observation.handler.js';
import { GetObservationController } from './get-observation/get-observation.controller.js';
import { GetObservationHandler } from './get-observation/get-observation.handler.js';
import { ListObservationsController } from './list-observations/list-observations.controller.js';
import { ListObservationsHandler } from './list-observations/list-observations.handler.js';
import { RecordObservationController } from './record-observation/record-observation.controller.js';
import { RecordObservationHandler } from './record-observation/record-observation.handler.js';
import { WithdrawObservationController } from './withdraw-observation/withdraw-observation.controller.js';
import { WithdrawObservationHandler } from './withdraw-observation/withdraw-observation.handler.js';

const commandHandlers = [RecordObservationHandler, CorrectObservationHandler, WithdrawObservationHandler];
const queryHandlers = [GetObservationHandler, ListObservationsHandler];

/** Observations made at antennas: their own streams, corrected and withdrawn without erasing anything. */
@Module({
  controllers: [
    ListObservationsController,
    RecordObservationController,
    GetObservationController,
    CorrectObservationController,
    WithdrawObservationController,
  ],
  providers: [...commandHandlers, ...queryHandlers],
})
export class ObservationsModule {}
