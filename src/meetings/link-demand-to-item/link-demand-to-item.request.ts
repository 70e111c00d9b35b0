import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ID_PATTERN, OccurredAtRequest } from '../meeting.requests.js';

export class LinkDemandToItemRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'dem-B5' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'demandId doit être un identifiant' })
  demandId!: string;
}
