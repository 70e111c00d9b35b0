import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MEETING_STATUSES } from '../domain/meeting.js';
import { ID_PATTERN } from '../meeting.requests.js';

export class ListMeetingsRequest {
  @ApiPropertyOptional({ example: 'csa-spip62', description: 'Meetings of one instance' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'instanceId doit être un identifiant' })
  instanceId?: string;

  @ApiPropertyOptional({
    example: 'dem-B4',
    description: 'Meetings where the demand came up (agenda item, question diverse, statement)',
  })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'demandId doit être un identifiant' })
  demandId?: string;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
