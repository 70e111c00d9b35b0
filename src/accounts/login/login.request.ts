import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'delegue@demo.local' })
  @IsEmail({ require_tld: false })
  @Length(3, 320)
  email!: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @Length(1, 200)
  password!: string;
}
