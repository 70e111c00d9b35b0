import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import { DemandIdsRequest, ID_PATTERN } from '../meeting.requests.js';

export class RecordManagementStatementRequest extends DemandIdsRequest {
  @ApiProperty({ description: "Management's exact words" })
  @IsString()
  @Length(1, 10000)
  text!: string;

  @ApiProperty({ example: 'DFSPIP' })
  @IsString()
  @Length(1, 200)
  authorRole!: string;

  @ApiPropertyOptional({ description: 'The agenda item or question diverse it answers' })
  @Optional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'itemId doit être un identifiant' })
  itemId?: string;
}
