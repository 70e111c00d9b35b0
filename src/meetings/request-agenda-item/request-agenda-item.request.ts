import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { ITEM_NATURES, type ItemNature } from '../domain/meeting.events.js';
import { DemandIdsRequest } from '../meeting.requests.js';

export class RequestAgendaItemRequest extends DemandIdsRequest {
  @ApiProperty({ example: 'Projet de déménagement de l’ALIP de Béthune' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ enum: ITEM_NATURES, default: 'unknown' })
  @Optional()
  @IsIn(ITEM_NATURES)
  nature?: ItemNature;

  @ApiProperty({ example: 'FO Justice', description: 'The union that asks' })
  @IsString()
  @Length(1, 100)
  requestedBy!: string;

  @ApiProperty({ description: 'Titular staff representatives who signed the request' })
  @IsInt()
  @Min(0)
  @Max(1000)
  signatures!: number;

  @ApiProperty({ description: 'Titular staff representatives on the instance' })
  @IsInt()
  @Min(1)
  @Max(1000)
  titularRepsTotal!: number;
}
