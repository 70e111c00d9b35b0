import { Module } from '@nestjs/common';
import { AcceptAgendaItemController } from './accept-agenda-item/accept-agenda-item.controller.js';
import { AcceptAgendaItemHandler } from './accept-agenda-item/accept-agenda-item.handler.js';
import { AddAgendaItemController } from './add-agenda-item/add-agenda-item.controller.js';
import { AddAgendaItemHandler } from './add-agenda-item/add-agenda-item.handler.js';
import { ApproveMinutesController } from './approve-minutes/approve-minutes.controller.js';
import { ApproveMinutesHandler } from './approve-minutes/approve-minutes.handler.js';
import { CheckMeetingDeadlinesController } from './check-meeting-deadlines/check-meeting-deadlines.controller.js';
import { CheckMeetingDeadlinesHandler } from './check-meeting-deadlines/check-meeting-deadlines.handler.js';
import { ContestMinutesController } from './contest-minutes/contest-minutes.controller.js';
import { ContestMinutesHandler } from './contest-minutes/contest-minutes.handler.js';
import { GetMeetingController } from './get-meeting/get-meeting.controller.js';
import { GetMeetingHandler } from './get-meeting/get-meeting.handler.js';
import { LinkDemandToItemController } from './link-demand-to-item/link-demand-to-item.controller.js';
import { LinkDemandToItemHandler } from './link-demand-to-item/link-demand-to-item.handler.js';
import { ListMeetingsController } from './list-meetings/list-meetings.controller.js';
import { ListMeetingsHandler } from './list-meetings/list-meetings.handler.js';
import { RecordAvisFollowUpController } from './record-avis-follow-up/record-avis-follow-up.controller.js';
import { RecordAvisFollowUpHandler } from './record-avis-follow-up/record-avis-follow-up.handler.js';
import { RecordConvocationController } from './record-convocation/record-convocation.controller.js';
import { RecordConvocationHandler } from './record-convocation/record-convocation.handler.js';
import { RecordDocumentsController } from './record-documents/record-documents.controller.js';
import { RecordDocumentsHandler } from './record-documents/record-documents.handler.js';
import { RecordManagementStatementController } from './record-management-statement/record-management-statement.controller.js';
import { RecordManagementStatementHandler } from './record-management-statement/record-management-statement.handler.js';
import { RecordMeetingHeldController } from './record-meeting-held/record-meeting-held.controller.js';
import { RecordMeetingHeldHandler } from './record-meeting-held/record-meeting-held.handler.js';
import { RecordMinutesDraftController } from './record-minutes-draft/record-minutes-draft.controller.js';
import { RecordMinutesDraftHandler } from './record-minutes-draft/record-minutes-draft.handler.js';
import { RecordVoteController } from './record-vote/record-vote.controller.js';
import { RecordVoteHandler } from './record-vote/record-vote.handler.js';
import { RefuseAgendaItemController } from './refuse-agenda-item/refuse-agenda-item.controller.js';
import { RefuseAgendaItemHandler } from './refuse-agenda-item/refuse-agenda-item.handler.js';
import { RequestAgendaItemController } from './request-agenda-item/request-agenda-item.controller.js';
import { RequestAgendaItemHandler } from './request-agenda-item/request-agenda-item.handler.js';
import { ScheduleMeetingController } from './schedule-meeting/schedule-meeting.controller.js';
import { ScheduleMeetingHandler } from './schedule-meeting/schedule-meeting.handler.js';
import { SubmitQuestionDiverseController } from './submit-question-diverse/submit-question-diverse.controller.js';
import { SubmitQuestionDiverseHandler } from './submit-question-diverse/submit-question-diverse.handler.js';

const commandHandlers = [
  ScheduleMeetingHandler,
  RecordConvocationHandler,
  RecordDocumentsHandler,
  AddAgendaItemHandler,
  RequestAgendaItemHandler,
  AcceptAgendaItemHandler,
  RefuseAgendaItemHandler,
  SubmitQuestionDiverseHandler,
  LinkDemandToItemHandler,
  RecordMeetingHeldHandler,
  RecordManagementStatementHandler,
  RecordVoteHandler,
  RecordMinutesDraftHandler,
  ApproveMinutesHandler,
  ContestMinutesHandler,
  RecordAvisFollowUpHandler,
  CheckMeetingDeadlinesHandler,
];
const queryHandlers = [GetMeetingHandler, ListMeetingsHandler];

/** CSA / FS meetings (stream `meeting-<id>`); read models rm.meetings and rm.meeting_demand_links. */
@Module({
  controllers: [
    // Static paths before `:id` ones.
    ListMeetingsController,
    ScheduleMeetingController,
    CheckMeetingDeadlinesController,
    GetMeetingController,
    RecordConvocationController,
    RecordDocumentsController,
    RequestAgendaItemController,
    AddAgendaItemController,
    AcceptAgendaItemController,
    RefuseAgendaItemController,
    SubmitQuestionDiverseController,
    LinkDemandToItemController,
    RecordMeetingHeldController,
    RecordManagementStatementController,
    RecordVoteController,
    RecordMinutesDraftController,
    ApproveMinutesController,
    ContestMinutesController,
    RecordAvisFollowUpController,
  ],
  // Deadline rules (and the MEETING_RULES defaults) come from the global DeadlineRulesModule.
  providers: [...commandHandlers, ...queryHandlers],
})
export class MeetingsModule {}
