import { ApiProperty } from '@nestjs/swagger';

export class ObservationCommandResultResponse {
  @ApiProperty({ description: 'Id of the observation' })
  id!: string;

  @ApiProperty({ description: 'Revision of the observation after the command (use it in If-Match)' })
  revision!: number;

  @ApiProperty({ description: 'Opaque position of the last recorded event' })
  position!: string;
}
