import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';

/** `?arreteAu=<date>&redaction=none&separateur=point-virgule` */
export class GetDossierRequest {
  @ApiPropertyOptional({
    description:
      '"Données arrêtées au": only what was recorded up to this instant (a date alone means the end of that day, UTC). ' +
      'Default: now. Never later than now: a digest must stay checkable.',
    example: '2024-03-27',
  })
  @Optional()
  @IsISO8601({ strict: true })
  arreteAu?: string;

  @ApiPropertyOptional({
    enum: ['roles', 'none'],
    description: 'roles (default): people appear by role only; none: names and e-mails kept (admins only)',
  })
  @Optional()
  @IsIn(['roles', 'none'])
  redaction?: 'roles' | 'none';

  @ApiPropertyOptional({
    enum: ['virgule', 'point-virgule'],
    description: 'CSV only: field separator (default virgule, RFC 4180; point-virgule for a French Excel)',
  })
  @Optional()
  @IsIn(['virgule', 'point-virgule'])
  separateur?: 'virgule' | 'point-virgule';
}

/** The instant "données arrêtées au" names: a date alone is the end of that day (UTC), as for `?asOf=`. */
export const arreteAuFrom = (request: GetDossierRequest): Date | undefined => {
  if (!request.arreteAu) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(request.arreteAu);
  return new Date(dateOnly ? `${request.arreteAu}T23:59:59.999Z` : request.arreteAu);
};
