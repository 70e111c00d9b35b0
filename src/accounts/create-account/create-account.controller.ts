import { Body, ConflictException, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Length, Matches } from 'class-validator';
import { type Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Optional } from '../../infrastructure/http/optional.js';
import { userOf } from '../../infrastructure/http/request-context.js';
import { AccountsRepository } from '../accounts.repository.js';
import { hashPassword } from '../passwords.js';
import { ROLES, type Role, Roles } from '../roles.js';

export class CreateAccountRequest {
  @ApiProperty() @IsEmail({ require_tld: false }) @Length(3, 320) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ minLength: 12 }) @IsString() @Length(12, 200) password!: string;
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { each: true })
  sectionIds?: string[];
}

@ApiTags('admin')
@Controller('admin/accounts')
export class CreateAccountController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account in my organisation (admin)' })
  async create(@Body() body: CreateAccountRequest, @Req() request: Request): Promise<{ id: string }> {
    const admin = userOf(request);
    if (!admin) throw new ConflictException();
    const accountId = randomUUID();
    const created = await this.accounts.create({
      accountId,
      organisationId: admin.organisationId,
      email: body.email,
      displayName: body.displayName,
      role: body.role,
      sectionIds: body.sectionIds ?? [],
      passwordHash: await hashPassword(body.password),
    });
    if (!created)
      throw new ConflictException('Un compte existe déjà pour cette adresse dans votre organisation');
    await this.accounts.log('account_created', {
      accountId,
      organisationId: admin.organisationId,
      email: body.email,
      ip: request.ip,
      detail: { by: admin.id, role: body.role },
    });
    return { id: accountId };
  }
}
