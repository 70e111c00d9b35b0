import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { endOfParisDay } from '../domain/french.js';

/** `?arreteAu=<date>&redaction=none&separateur=point-virgule` */
export class GetDossierRequest {
  @ApiPropertyOptional({
    description:
      '"Données arrêtées au": what HAPPENED up to this instant (occurred time; a date alone means the end of that day, ' +
      'UTC). Lateness, ages and "since the last instance" are judged at it. Default: the meeting\'s date.',
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
    enum: ['point-virgule', 'virgule'],
    description:
      'CSV only: field separator (default point-virgule, what a French spreadsheet expects; virgule for RFC 4180)',
  })
  @Optional()
  @IsIn(['virgule', 'point-virgule'])
  separateur?: 'virgule' | 'point-virgule';

  @ApiPropertyOptional({
    enum: ['occurred', 'recorded'],
    description:
      'recorded: "as we knew it then", also leave out what was recorded after arreteAu (default: occurred, what had ' +
      'happened by arreteAu, whenever it was recorded; what was recorded later is marked)',
  })
  @Optional()
  @IsIn(['occurred', 'recorded'])
  known?: 'occurred' | 'recorded';
}

/** The instant "données arrêtées au" names: a date alone is the end of that day in Paris (the union's calendar). */
export const arreteAuFrom = (request: { arreteAu?: string }): Date | undefined => {
  if (!request.arreteAu) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(request.arreteAu);
  return dateOnly ? endOfParisDay(request.arreteAu) : new Date(request.arreteAu);
};
