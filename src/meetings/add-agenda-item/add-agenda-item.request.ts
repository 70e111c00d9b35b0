import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { ITEM_NATURES, type ItemNature } from '../domain/meeting.events.js';
import { DemandIdsRequest } from '../meeting.requests.js';

export class AddAgendaItemRequest extends DemandIdsRequest {
  @ApiProperty({ example: 'Présentation du projet de déménagement de l’ALIP de Béthune' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ enum: ITEM_NATURES, default: 'unknown' })
  @Optional()
  @IsIn(ITEM_NATURES)
  nature?: ItemNature;
}
