import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';

/** What an id in a path or a body may look like: a slug or a UUID. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Path ids: a malformed id cannot name anything, so it answers 404 like an unknown one. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID_PATTERN.test(value))
      throw new NotFoundException(`Aucune ressource d’identifiant « ${value.slice(0, 80)} »`);
    return value;
  }
}
