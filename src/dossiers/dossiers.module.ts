import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { ComposeDossierController } from './compose-dossier/compose-dossier.controller.js';
import { ComposeDossierHandler } from './compose-dossier/compose-dossier.handler.js';
import { GetDossierWorkspaceHandler } from './compose-dossier/get-dossier-workspace.handler.js';
import { GetDossierController } from './get-dossier/get-dossier.controller.js';
import { GetDossierHandler } from './get-dossier/get-dossier.handler.js';
import { IssueDossierController } from './issue-dossier/issue-dossier.controller.js';
import { GetIssuedDossierHandler, IssueDossierHandler } from './issue-dossier/issue-dossier.handler.js';

/**
 * The "dossier de suivi CSA" (domain.md 4.5): for one meeting, the trail an officer brings to it, as PDF, HTML, DOCX
 * and CSV. Proposed from the read models and the event store, composed by the officer (DossierComposed), issued
 * (DossierIssued) and then produced again identically.
 */
@Module({
  imports: [MeetingsModule],
  controllers: [GetDossierController, ComposeDossierController, IssueDossierController],
  providers: [
    GetDossierHandler,
    GetDossierWorkspaceHandler,
    ComposeDossierHandler,
    IssueDossierHandler,
    GetIssuedDossierHandler,
  ],
})
export class DossiersModule {}
