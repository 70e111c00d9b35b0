import { Global, Module } from '@nestjs/common';
import { meetingRulesProvider, MEETING_RULES } from '../meetings/meeting-rules.provider.js';
import { ChangeDeadlineRulesController } from './change-deadline-rules/change-deadline-rules.controller.js';
import { ChangeDeadlineRulesHandler } from './change-deadline-rules/change-deadline-rules.handler.js';
import { DeadlineRules } from './deadline-rules.service.js';
import { GetDeadlineRulesController } from './get-deadline-rules/get-deadline-rules.controller.js';
import { GetDeadlineRulesHandler } from './get-deadline-rules/get-deadline-rules.handler.js';

/**
 * Deadline rules per organisation (stream `deadlinerules-<organisationId>`). Global: meetings, the deadline check,
 * the dossier and demand submission ask `DeadlineRules` for the rules in force. `MEETING_RULES` (the defaults)
 * is bound here.
 */
@Global()
@Module({
  controllers: [GetDeadlineRulesController, ChangeDeadlineRulesController],
  providers: [meetingRulesProvider, DeadlineRules, ChangeDeadlineRulesHandler, GetDeadlineRulesHandler],
  exports: [MEETING_RULES, DeadlineRules],
})
export class DeadlineRulesModule {}
