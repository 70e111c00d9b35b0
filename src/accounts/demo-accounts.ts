import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AccountsRepository } from './accounts.repository.js';
import { hashPassword } from './passwords.js';
import { type Role } from './roles.js';

export const DEMO_ORGANISATION = { id: 'fo-justice-cpip', name: 'FO Justice CPIP' };
export const DEMO_SECTION = { sectionId: 'section-spip-62', name: 'Section SPIP 62', unitIds: ['spip-62'] };
export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role; sectionIds: string[] }[] = [
  { email: 'admin@demo.local', displayName: 'Administrateur (démo)', role: 'admin', sectionIds: [] },
  {
    email: 'delegue@demo.local',
    displayName: 'Délégué SPIP 62 (démo)',
    role: 'officer',
    sectionIds: ['section-spip-62'],
  },
  {
    email: 'lecteur@demo.local',
    displayName: 'Lecteur (démo)',
    role: 'observer',
    sectionIds: ['section-spip-62'],
  },
];

/** In embedded demo mode only: the demo organisation, its section and three accounts. Outside it, none exists. */
@Injectable()
export class DemoAccounts implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoMode) return;
    await this.ensure();
    this.logger.debug(
      `Demo accounts (password "${this.config.DEMO_PASSWORD === 'demo' ? 'demo' : '<DEMO_PASSWORD>'}"): ` +
        DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(', '),
    );
  }

  async ensure(): Promise<void> {
    if (this.config.NODE_ENV === 'production')
      throw new Error('Demo accounts are never created in production');
    await this.accounts.ensureOrganisation(DEMO_ORGANISATION.id, DEMO_ORGANISATION.name);
    await this.accounts.createSection({ ...DEMO_SECTION, organisationId: DEMO_ORGANISATION.id });
    for (const account of DEMO_ACCOUNTS) {
      const existing = await this.accounts.byEmail(account.email);
      if (existing.some((a) => a.organisationId === DEMO_ORGANISATION.id)) continue;
      await this.accounts.create({
        accountId: crypto.randomUUID(),
        organisationId: DEMO_ORGANISATION.id,
        ...account,
        passwordHash: await hashPassword(this.config.DEMO_PASSWORD),
      });
    }
  }
}
