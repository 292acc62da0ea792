// The service's structured log: one JSON object per line (pino), level from LOG_LEVEL.
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'corridor-graph' } });
}
