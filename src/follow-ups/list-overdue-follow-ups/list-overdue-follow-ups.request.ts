import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ListOverdueFollowUpsRequest {
  @ApiPropertyOptional({ description: 'Only the demands of this antenna', example: 'ant-bethune' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  antennaId?: string;
}
