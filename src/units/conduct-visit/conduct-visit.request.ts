import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { ID_MESSAGE, ID_PATTERN, IsCalendarDate, OccurredAtRequest } from '../units.requests.js';

export class ConductVisitRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'ant-bethune' })
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  antennaId!: string;

  @ApiProperty({ description: 'Day the antenna was visited (YYYY-MM-DD)', example: '2024-01-25' })
  @IsCalendarDate()
  conductedOn!: string;

  @ApiPropertyOptional({ description: 'The visit report', example: 'src-fo-cpip-spip62-2024-02-23' })
  @Optional()
  @IsString()
  @Length(1, 200)
  sourceRef?: string;
}
