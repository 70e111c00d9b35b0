import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, RequestValidationError } from './problem-details.js';

/**
 * Validation at the edge: unknown properties are refused (not silently dropped), `forbidUnknownValues` closes the
 * prototype-pollution bypass (CVE-2019-18413), and each bad field is named in the answer.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
