import { Module } from '@nestjs/common';
import { AccueilController } from './accueil/accueil.controller.js';
import { AntenneController } from './antenne/antenne.controller.js';
import { FicheController } from './fiche/fiche.controller.js';
import { RevendicationsController } from './revendications/revendications.controller.js';
import { AssetsController } from './assets/assets.controller.js';
import { ConnexionController } from './connexion/connexion.controller.js';
import { WebExceptionFilter } from './errors/web-exception.filter.js';
import { Pages } from './pages.service.js';
import { WebSecurity } from './security/web-security.js';
import { VisiteController } from './visite/visite.controller.js';
import { InstancesController } from './instances/instances.controller.js';
import { IntegriteController } from './integrite/integrite.controller.js';
import { AdministrationController } from './administration/administration.controller.js';
import { DossierCompositionController } from './dossier-composition/dossier-composition.controller.js';

/** The web interface in French (src/web/README.md): server-rendered pages over the same query and command buses. */
@Module({
  controllers: [
    AssetsController,
    ConnexionController,
    AccueilController,
    AntenneController,
    RevendicationsController,
    FicheController,
    VisiteController,
    InstancesController,
    DossierCompositionController,
    IntegriteController,
    AdministrationController,
  ],
  providers: [Pages, WebSecurity, WebExceptionFilter],
  exports: [Pages, WebSecurity],
})
export class WebModule {}
