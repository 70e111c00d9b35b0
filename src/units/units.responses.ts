import { ApiProperty } from '@nestjs/swagger';

export class UnitCommandResultResponse {
  @ApiProperty({ description: 'Id of the unit, snapshot or visit', example: 'ant-bethune' })
  id!: string;

  @ApiProperty({ description: 'Revision of the stream after the command (use it in If-Match)' })
  revision!: number;

  @ApiProperty({ description: 'Opaque position of the last recorded event' })
  position!: string;
}
