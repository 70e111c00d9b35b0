import { Body, ConflictException, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { type Request } from 'express';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { Roles } from '../roles.js';

export class CreateSectionRequest {
  @ApiProperty({ example: 'section-spip-62' }) @Matches(/^[A-Za-z0-9_-]{1,64}$/) sectionId!: string;
  @ApiProperty({ example: 'Section SPIP 62' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ type: [String], example: ['spip-62'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { each: true })
  unitIds!: string[];
}

@ApiTags('admin')
@Controller('admin/sections')
export class CreateSectionController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a section: the SPIPs or antennas its officers may write to (admin)' })
  async create(@Body() body: CreateSectionRequest, @Req() request: Request): Promise<{ id: string }> {
    const organisationId = userOf(request)?.organisationId ?? '';
    if (!(await this.accounts.createSection({ ...body, organisationId }))) {
      throw new ConflictException('Cette section existe déjà dans votre organisation');
    }
    await this.accounts.log('section_created', { organisationId, ip: request.ip, detail: body });
    return { id: body.sectionId };
  }
}
