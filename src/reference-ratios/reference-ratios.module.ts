import { Global, Module } from '@nestjs/common';
import { ChangeReferenceRatiosController } from './change-reference-ratios/change-reference-ratios.controller.js';
import { ChangeReferenceRatiosHandler } from './change-reference-ratios/change-reference-ratios.handler.js';
import { GetReferenceRatiosController } from './get-reference-ratios/get-reference-ratios.controller.js';
import { GetReferenceRatiosHandler } from './get-reference-ratios/get-reference-ratios.handler.js';
import { OrganisationReferenceRatios } from './reference-ratios.service.js';

/**
 * Reference staffing ratios per organisation (stream `referenceratios-<organisationId>`). Global: the antenna
 * dashboard and the CSA dossier ask `OrganisationReferenceRatios` for the ratios in force.
 */
@Global()
@Module({
  controllers: [GetReferenceRatiosController, ChangeReferenceRatiosController],
  providers: [OrganisationReferenceRatios, ChangeReferenceRatiosHandler, GetReferenceRatiosHandler],
  exports: [OrganisationReferenceRatios],
})
export class ReferenceRatiosModule {}
