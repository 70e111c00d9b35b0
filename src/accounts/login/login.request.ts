import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches } from 'class-validator';
import { Optional } from '../../infrastructure/http/optional.js';

export class LoginRequest {
  @ApiProperty({ example: 'delegue@demo.local' })
  @IsEmail({ require_tld: false })
  @Length(3, 320)
  email!: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @Length(1, 200)
  password!: string;

  @ApiPropertyOptional({
    example: 'fo-justice-cpip',
    description:
      'The organisation (union) to log in to. Needed only when the e-mail has an account in several; without it, ' +
      'such a login is refused like a wrong password.',
  })
  @Optional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'organisation doit être un identifiant d’organisation' })
  organisation?: string;
}
