/**
 * Paths served by the web pages, excluded from the /api global prefix (path-to-regexp syntax as Nest expects).
 * Add a page's paths here when adding a page.
 */
export const WEB_PATHS: string[] = [
  '/',
  'assets/{*file}',
  'connexion',
  'deconnexion',
  'mot-de-passe',
  'antennes/{*rest}',
  'revendications',
  'revendications/{*rest}',
  'visite',
  'visite/{*rest}',
  'instances',
  // Also the meetings' dossier composition (/instances/:id/dossier, src/web/dossier-composition).
  'instances/{*rest}',
  'integrite',
  'administration',
  'administration/{*rest}',
];
