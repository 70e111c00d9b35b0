import { Injectable } from '@nestjs/common';

/** The application's only source of "now". Tests bind a fixed or movable clock. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
