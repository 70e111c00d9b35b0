import { type LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';
import { type AppConfig } from '../../config/app-config.js';

const LEVELS: Record<AppConfig['LOG_LEVEL'], LevelWithSilent> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Nest's start-up chatter (one line per module and per route): kept for LOG_LEVEL=debug. */
const CHATTY_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * The process's one pino logger. LOG_FORMAT=json: one JSON object a line (for a log collector); LOG_FORMAT=text:
 * one readable line per entry (time, level, context, message), coloured on a terminal.
 */
export function createLogger(
  config: Pick<AppConfig, 'LOG_FORMAT' | 'LOG_LEVEL'>,
  destination: NodeJS.WritableStream = process.stdout,
): Pino {
  const options = { level: LEVELS[config.LOG_LEVEL], base: undefined };
  if (config.LOG_FORMAT === 'json') return pino(options, destination);
  return pino(
    options,
    pretty({
      destination,
      sync: true,
      colorize: (destination as { isTTY?: boolean }).isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'context,correlationId,method,route,status,durationMs,organisation,readyMs',
      messageFormat:
        '{if context}[{context}] {end}{msg}{if organisation} · {organisation}{end}{if correlationId} · {correlationId}{end}',
      singleLine: true,
    }),
  );
}

/** Nest's LoggerService over pino: Nest's `log` is pino's `info`, the context is a field. */
export class NestPinoLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && CHATTY_CONTEXTS.has(context)) level = 'debug';
    const stack = typeof rest[0] === 'string' && rest[0].includes('\n    at ') ? rest[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
}
