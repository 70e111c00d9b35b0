import { Module } from '@nestjs/common';
import { AbandonDemandController } from './abandon-demand/abandon-demand.controller.js';
import { AbandonDemandHandler } from './abandon-demand/abandon-demand.handler.js';
import { AcknowledgeDemandController } from './acknowledge-demand/acknowledge-demand.controller.js';
import { AcknowledgeDemandHandler } from './acknowledge-demand/acknowledge-demand.handler.js';
import { ChangeDemandAddresseesController } from './change-demand-addressees/change-demand-addressees.controller.js';
import { ChangeDemandAddresseesHandler } from './change-demand-addressees/change-demand-addressees.handler.js';
import { CloseDemandController } from './close-demand/close-demand.controller.js';
import { CloseDemandHandler } from './close-demand/close-demand.handler.js';
import { EscalateDemandController } from './escalate-demand/escalate-demand.controller.js';
import { EscalateDemandHandler } from './escalate-demand/escalate-demand.handler.js';
import { GetDemandController } from './get-demand/get-demand.controller.js';
import { GetDemandHandler } from './get-demand/get-demand.handler.js';
import { GetDemandHistoryController } from './get-demand-history/get-demand-history.controller.js';
import { GetDemandHistoryHandler } from './get-demand-history/get-demand-history.handler.js';
import { LinkObservationController } from './link-observation/link-observation.controller.js';
import { LinkObservationHandler } from './link-observation/link-observation.handler.js';
import { ListDemandsController } from './list-demands/list-demands.controller.js';
import { ListDemandsHandler } from './list-demands/list-demands.handler.js';
import { MakeCommitmentController } from './make-commitment/make-commitment.controller.js';
import { MakeCommitmentHandler } from './make-commitment/make-commitment.handler.js';
import { MergeDemandController } from './merge-demand/merge-demand.controller.js';
import { MergeDemandHandler } from './merge-demand/merge-demand.handler.js';
import { RaiseDemandController } from './raise-demand/raise-demand.controller.js';
import { RaiseDemandHandler } from './raise-demand/raise-demand.handler.js';
import { RaiseDraftController } from './raise-draft/raise-draft.controller.js';
import { RaiseDraftHandler } from './raise-draft/raise-draft.handler.js';
import { RecordManagementResponseController } from './record-management-response/record-management-response.controller.js';
import { RecordManagementResponseHandler } from './record-management-response/record-management-response.handler.js';
import { ReopenDemandController } from './reopen-demand/reopen-demand.controller.js';
import { ReopenDemandHandler } from './reopen-demand/reopen-demand.handler.js';
import { ReportProgressController } from './report-progress/report-progress.controller.js';
import { ReportProgressHandler } from './report-progress/report-progress.handler.js';
import { RescheduleCommitmentController } from './reschedule-commitment/reschedule-commitment.controller.js';
import { RescheduleCommitmentHandler } from './reschedule-commitment/reschedule-commitment.handler.js';
import { RewordDemandController } from './reword-demand/reword-demand.controller.js';
import { RewordDemandHandler } from './reword-demand/reword-demand.handler.js';
import { SendReminderController } from './send-reminder/send-reminder.controller.js';
import { SendReminderHandler } from './send-reminder/send-reminder.handler.js';
import { SetDemandPriorityController } from './set-demand-priority/set-demand-priority.controller.js';
import { SetDemandPriorityHandler } from './set-demand-priority/set-demand-priority.handler.js';
import { SubmitDemandController } from './submit-demand/submit-demand.controller.js';
import { SubmitDemandHandler } from './submit-demand/submit-demand.handler.js';
import { UnlinkObservationController } from './unlink-observation/unlink-observation.controller.js';
import { UnlinkObservationHandler } from './unlink-observation/unlink-observation.handler.js';
import { VerifyDemandController } from './verify-demand/verify-demand.controller.js';
import { VerifyDemandHandler } from './verify-demand/verify-demand.handler.js';

const commandHandlers = [
  RaiseDemandHandler,
  RaiseDraftHandler,
  LinkObservationHandler,
  UnlinkObservationHandler,
  RewordDemandHandler,
  SetDemandPriorityHandler,
  ChangeDemandAddresseesHandler,
  SubmitDemandHandler,
  SendReminderHandler,
  AcknowledgeDemandHandler,
  RecordManagementResponseHandler,
  MakeCommitmentHandler,
  RescheduleCommitmentHandler,
  ReportProgressHandler,
  VerifyDemandHandler,
  CloseDemandHandler,
  AbandonDemandHandler,
  MergeDemandHandler,
  ReopenDemandHandler,
  EscalateDemandHandler,
];
const queryHandlers = [GetDemandHandler, ListDemandsHandler, GetDemandHistoryHandler];

@Module({
  controllers: [
    ListDemandsController,
    RaiseDemandController,
    GetDemandController,
    GetDemandHistoryController,
    RaiseDraftController,
    LinkObservationController,
    UnlinkObservationController,
    RewordDemandController,
    SetDemandPriorityController,
    ChangeDemandAddresseesController,
    SubmitDemandController,
    SendReminderController,
    AcknowledgeDemandController,
    RecordManagementResponseController,
    MakeCommitmentController,
    RescheduleCommitmentController,
    ReportProgressController,
    VerifyDemandController,
    CloseDemandController,
    AbandonDemandController,
    MergeDemandController,
    ReopenDemandController,
    EscalateDemandController,
  ],
  providers: [...commandHandlers, ...queryHandlers],
})
export class DemandsModule {}
