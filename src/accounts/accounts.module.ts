import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { AccessGuard } from './access.guard.js';
import { AccountsRepository } from './accounts.repository.js';
import { ChangePasswordController } from './change-password/change-password.controller.js';
import { PasswordChangeAttempts } from './change-password/password-attempts.js';
import { CreateAccountController } from './create-account/create-account.controller.js';
import { CreateSectionController } from './create-section/create-section.controller.js';
import { CurrentAccountController } from './current-account/current-account.controller.js';
import { DemoAccounts } from './demo-accounts.js';
import { DisableAccountController } from './disable-account/disable-account.controller.js';
import { ListAccountsController } from './list-accounts/list-accounts.controller.js';
import { LoginController } from './login/login.controller.js';
import { LogoutController } from './logout/logout.controller.js';
import { SecurityLogController } from './security-log/security-log.controller.js';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject made once: given a string, jsonwebtoken first tries it as a public key on every verify and
        // catches the failure (a tenth of the application's CPU under load, bench:http profile).
        secret: createSecretKey(Buffer.from(config.JWT_SECRET ?? randomBytes(48).toString('base64url'))),
        signOptions: { expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [
    LoginController,
    LogoutController,
    ChangePasswordController,
    CurrentAccountController,
    CreateAccountController,
    DisableAccountController,
    ListAccountsController,
    CreateSectionController,
    SecurityLogController,
  ],
  // Every route denies by default: the access guard is global.
  providers: [
    AccountsRepository,
    DemoAccounts,
    PasswordChangeAttempts,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccountsRepository, DemoAccounts],
})
export class AccountsModule {}
