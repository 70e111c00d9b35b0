import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type Response } from 'express';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Public } from '../../accounts/roles.js';

const require = createRequire(import.meta.url);

/** Everything the pages load comes from the application itself (strict CSP, no CDN): our CSS, htmx from npm. */
const FILES: Record<string, { path: string; type: string }> = {
  'web.css': { path: fileURLToPath(new URL('./web.css', import.meta.url)), type: 'text/css' },
  'pages.css': { path: fileURLToPath(new URL('./pages.css', import.meta.url)), type: 'text/css' },
  'htmx.min.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
};

@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Get(':file')
  @Public()
  asset(@Param('file') file: string, @Res() response: Response): void {
    const asset = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
    if (!asset) throw new NotFoundException();
    response.type(asset.type).sendFile(asset.path, { maxAge: '1h' });
  }
}
