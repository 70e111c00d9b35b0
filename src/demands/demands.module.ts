import { Module } from '@nestjs/common';
import { GetDemandController } from './get-demand/get-demand.controller.js';
import { GetDemandHandler } from './get-demand/get-demand.handler.js';
import { GetDemandHistoryController } from './get-demand-history/get-demand-history.controller.js';
import { GetDemandHistoryHandler } from './get-demand-history/get-demand-history.handler.js';
import { ListDemandsController } from './list-demands/list-demands.controller.js';
import { ListDemandsHandler } from './list-demands/list-demands.handler.js';
import { RaiseDemandController } from './raise-demand/raise-demand.controller.js';
import { RaiseDemandHandler } from './raise-demand/raise-demand.handler.js';
import { RecordManagementResponseController } from './record-management-response/record-management-response.controller.js';
import { RecordManagementResponseHandler } from './record-management-response/record-management-response.handler.js';

const commandHandlers = [RaiseDemandHandler, RecordManagementResponseHandler];
const queryHandlers = [GetDemandHandler, ListDemandsHandler, GetDemandHistoryHandler];

@Module({
  controllers: [
    ListDemandsController,
    RaiseDemandController,
    GetDemandController,
    GetDemandHistoryController,
    RecordManagementResponseController,
  ],
  providers: [...commandHandlers, ...queryHandlers],
})
export class DemandsModule {}
