import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { type RequestUser, userOf } from '../../infrastructure/http/request-context.js';

@ApiTags('auth')
@Controller('auth')
export class CurrentAccountController {
  @Get('me')
  @ApiOperation({ summary: 'The account behind the token: role, organisation, writable units' })
  me(@Req() request: Request): RequestUser | undefined {
    return userOf(request);
  }
}
