import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { AddresseeRequest, OccurredAtRequest } from '../demand.requests.js';

export class ChangeDemandAddresseesRequest extends OccurredAtRequest {
  @ApiProperty({ type: [AddresseeRequest], description: 'The full new list (it replaces the current one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AddresseeRequest)
  addressees!: AddresseeRequest[];
}
