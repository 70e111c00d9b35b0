import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';
import {
  INSTANCE_LEVELS,
  INSTANCE_TYPES,
  MEETING_KINDS,
  type InstanceLevel,
  type InstanceType,
  type MeetingKind,
} from '../domain/meeting.events.js';
import { ID_PATTERN, IsCalendarDate, OccurredAtRequest } from '../meeting.requests.js';

export class ScheduleMeetingRequest extends OccurredAtRequest {
  @ApiProperty({ example: 'csa-spip62', description: 'Which instance meets (one id per CSA or FS)' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'instanceId doit être un identifiant (lettres, chiffres, - et _)' })
  instanceId!: string;

  @ApiProperty({ example: 'CSA SPIP local (SPIP 62)' })
  @IsString()
  @Length(1, 200)
  instanceName!: string;

  @ApiProperty({ enum: INSTANCE_TYPES })
  @IsIn(INSTANCE_TYPES)
  instanceType!: InstanceType;

  @ApiPropertyOptional({
    enum: INSTANCE_LEVELS,
    description: 'Follows from a CSA type; required for "fs" and "other"',
  })
  @Optional()
  @IsIn(INSTANCE_LEVELS)
  level?: InstanceLevel;

  @ApiProperty({ example: '2023-10-13', description: 'The day the meeting is convened for (YYYY-MM-DD)' })
  @IsCalendarDate()
  scheduledFor!: string;

  @ApiPropertyOptional({ enum: MEETING_KINDS, default: 'ordinary' })
  @Optional()
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional({ description: 'The meeting this one reconvenes after a lack of quorum' })
  @Optional()
  @Matches(ID_PATTERN, { message: 'reconvenes doit être un identifiant de séance' })
  reconvenes?: string;

  @ApiPropertyOptional({ example: 'src-fo-cpip-spip62-2024-02-23', description: 'Where we know it from' })
  @Optional()
  @IsString()
  @Length(1, 200)
  sourceRef?: string;
}
