import 'reflect-metadata';
import { validateConfig } from './app-config.js';

const SECRET = 'a-production-secret-of-at-least-32-characters';

describe('Configuration: demo data never in production (issue 10, defect 6)', () => {
  it('When NODE_ENV=production on the embedded store, then demo mode is off by default', () => {
    const config = validateConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(config.storage).toBe('pglite');
    expect(config.demoMode).toBe(false);
  });

  it('When NODE_ENV=production and DEMO_DATA=true, then the start is refused with a message naming DEMO_DATA', () => {
    for (const value of ['true', '1', 'yes']) {
      expect(() => validateConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DEMO_DATA: value })).toThrow(
        /Invalid configuration:[\s\S]*DEMO_DATA: refused in production/,
      );
    }
  });

  it('When NODE_ENV=production and DEMO_DATA=false, then the configuration is accepted, demo mode off', () => {
    const config = validateConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DEMO_DATA: 'false' });
    expect(config.demoMode).toBe(false);
  });

  it('When production lacks JWT_SECRET and asks for demo data, then both reasons are given', () => {
    expect(() => validateConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' })).toThrow(
      /JWT_SECRET: required in production[\s\S]*DEMO_DATA: refused in production/,
    );
  });

  it('When not in production, then the embedded store is in demo mode by default and DEMO_DATA=false turns it off', () => {
    expect(validateConfig({ NODE_ENV: 'development' }).demoMode).toBe(true);
    expect(validateConfig({ NODE_ENV: 'development', DEMO_DATA: 'false' }).demoMode).toBe(false);
    expect(validateConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://h/db' }).demoMode).toBe(false);
    expect(
      validateConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://h/db', DEMO_DATA: 'true' }).demoMode,
    ).toBe(true);
  });
});
