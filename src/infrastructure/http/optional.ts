import { ValidateIf } from 'class-validator';

/**
 * An optional field: it may be left out, but `null` is not a value (class-validator's `IsOptional` lets `null`
 * through, and it would be recorded in an event). Use instead of `IsOptional` in request bodies.
 */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
