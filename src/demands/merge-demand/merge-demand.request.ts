import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { OccurredAtRequest } from '../demand.requests.js';

export class MergeDemandRequest extends OccurredAtRequest {
  @ApiProperty({ description: 'The demand this one is merged into' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    message: 'intoDemandId doit être un identifiant de revendication',
  })
  intoDemandId!: string;
}
