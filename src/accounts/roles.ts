import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'officer', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** A route anyone may call without credentials. Every other route denies by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Roles allowed on a route. Without it: reads for every role, writes for officers and admins. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
