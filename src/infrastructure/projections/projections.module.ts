import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type Projection } from './projection.js';
import { PROJECTIONS } from './projections.tokens.js';
import { ProjectionsService } from './projections.service.js';

@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [{ provide: PROJECTIONS, useValue: [...projections] }, ProjectionsService],
      exports: [ProjectionsService],
    };
  }
}
