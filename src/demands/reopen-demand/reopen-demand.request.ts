import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';

export class ReopenDemandRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'L’ASE recruté a quitté le service' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
