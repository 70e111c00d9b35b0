import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';

/** Everything main.ts applies to the application, shared with the end-to-end tests. */
export function configureApp(app: NestExpressApplication): void {
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.use(helmet());
  app.useBodyParser('json', { limit: '100kb' });
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Suivi des revendications — API')
      .setDescription(
        'Event-sourced follow-up of trade-union demands: observations, demands, management responses, commitments.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
