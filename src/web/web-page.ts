import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebExceptionFilter } from './errors/web-exception.filter.js';

/**
 * A controller of web pages: its errors become French pages (login redirect, 404 without a hint, error page
 * with the request id) instead of problem+json, and it stays out of the OpenAPI document. Its paths must be
 * listed in WEB_PATHS (src/web/web-paths.ts) so that they are served outside the /api prefix.
 */
export const WebPage = (path = ''): ClassDecorator =>
  applyDecorators(Controller(path), UseFilters(WebExceptionFilter), ApiExcludeController());
