import pino from 'pino'
import type { Logger } from 'pino'

export type { Logger }

/** Paths pino blanks in every log object (STYLE §8). */
export const REDACT_PATHS = [
  '*.token',
  '*.botToken',
  '*.password',
  '*.authtoken',
  '*.secretToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
]

const BOT_TOKEN = /\b(bot)?\d{5,12}:[A-Za-z0-9_-]{30,}\b/g
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+):[^/\s@]+@/gi
const TOKEN_QUERY = /([?&](?:token|secret_token|authtoken)=)[^&\s]+/gi

/**
 * Masks secrets inside free text: Bot API tokens (also inside `/bot<TOKEN>/` URLs), `user:pass@` in URLs and
 * token query parameters. Use it on any string built from outside input before it reaches a log or an error.
 */
export function maskSecrets(text: string): string {
  return text
    .replace(BOT_TOKEN, (_m, bot: string | undefined) => `${bot ?? ''}***`)
    .replace(URL_CREDENTIALS, '$1:***@') // the user name stays: it is not a secret and says who
    .replace(TOKEN_QUERY, '$1***')
}

export interface LogOptions {
  level?: string
  /** Where JSON lines go; defaults to stdout. */
  destination?: pino.DestinationStream
}

/** The one root logger; modules take `log.child({ mod })`. */
export function createLogger(options: LogOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '***' },
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Free-text arguments are masked too: a Bot API URL in a message must not leak its token.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskSecrets(a) : a)) as Parameters<typeof method>,
          )
        },
      },
    },
    options.destination,
  )
}
