import { Get, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { Pages } from '../pages.service.js';
import { WebPage } from '../web-page.js';

@WebPage()
export class AccueilController {
  constructor(private readonly pages: Pages) {}

  @Get()
  async home(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.pages.render(request, response, 'accueil/accueil', { title: 'Accueil', nav: 'accueil' }, {});
  }
}
