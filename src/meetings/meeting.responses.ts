import { ApiProperty } from '@nestjs/swagger';

export class MeetingCommandResultResponse {
  @ApiProperty({ description: 'Id of the meeting, or of the item or statement the command created' })
  id!: string;

  @ApiProperty({ description: 'Revision of the meeting after the command (use it in If-Match)' })
  revision!: number;

  @ApiProperty({ description: 'Opaque position of the last recorded event' })
  position!: string;
}
