import { ApiProperty } from '@nestjs/swagger';

export class CommandResultResponse {
  @ApiProperty({ description: 'Id of the demand' })
  id!: string;

  @ApiProperty({ description: 'Revision of the demand after the command (use it in If-Match)' })
  revision!: number;

  @ApiProperty({ description: 'Opaque position of the last recorded event' })
  position!: string;
}
