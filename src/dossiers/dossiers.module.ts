import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { GetDossierController } from './get-dossier/get-dossier.controller.js';
import { GetDossierHandler } from './get-dossier/get-dossier.handler.js';

/**
 * The "dossier de suivi CSA" (domain.md 4.5): for one meeting, the trail an officer brings to it, as PDF, HTML and
 * CSV. Read-only: built from the demand and meeting read models, the event store and the audit chain.
 */
@Module({
  imports: [MeetingsModule],
  controllers: [GetDossierController],
  providers: [GetDossierHandler],
})
export class DossiersModule {}
