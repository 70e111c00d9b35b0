import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Helmet's `upgrade-insecure-requests` makes browsers send a plain-http page's form posts and redirects to https:
 * the README's http://127.0.0.1:3000/ would then break. It is sent only when PUBLIC_URL is https.
 */
describe('Content-Security-Policy and plain http', () => {
  const cspOf = async (t: TestApp): Promise<string> =>
    String(
      (await request(t.app.getHttpServer()).get('/connexion').expect(200)).headers['content-security-policy'],
    );

  it('Given no PUBLIC_URL (the README start), then the CSP is strict but does not upgrade requests to https', async () => {
    const t = await createTestApp();
    try {
      const csp = await cspOf(t);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    } finally {
      await t.close();
    }
  });

  it('Given a plain-http PUBLIC_URL, then no upgrade either', async () => {
    const t = await createTestApp({ PUBLIC_URL: 'http://192.168.1.20:3000' });
    try {
      expect(await cspOf(t)).not.toContain('upgrade-insecure-requests');
    } finally {
      await t.close();
    }
  });

  it('Given an https PUBLIC_URL, then the CSP asks browsers to upgrade insecure requests', async () => {
    const t = await createTestApp({ PUBLIC_URL: 'https://revendications.example.org' });
    try {
      const csp = await cspOf(t);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain('upgrade-insecure-requests');
    } finally {
      await t.close();
    }
  });
});
