import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AppError } from '@shared/errors'
import type { Logger } from '../log'
import { TUNNEL_HEADER } from '../receiver/http-helpers'
import { generateCertificate } from './certificate'

/** Ports Telegram delivers webhooks to (TELEGRAM.md §2). */
export const TELEGRAM_PORTS = [443, 80, 88, 8443] as const

export type TunnelMode = 'ngrok' | 'own' | 'direct'
export interface TunnelStatus {
  state: 'off' | 'starting' | 'online' | 'error'
  mode: TunnelMode | null
  url: string | null
  error: string | null
  /** What to do about the error, in plain words. */
  hint: string | null
  /** PEM of the self-signed certificate in direct mode (public; it goes to setWebhook). */
  certificatePem: string | null
}

/** The part of @ngrok/ngrok the tunnel uses; tests pass a fake, the app the real SDK. */
export interface NgrokConnector {
  forward(options: {
    addr: number
    authtoken?: string
    domain?: string
    request_header_add?: string
    request_header_remove?: string
  }): Promise<{ url(): string | null; close(): Promise<void> }>
}

export interface TunnelDeps {
  log: Logger
  /** The local receiver's port (ngrok forwards to it). */
  localPort: () => number
  /** The app's request handler (direct HTTPS serves the same routes). */
  handler: (req: IncomingMessage, res: ServerResponse) => void
  ngrok: () => Promise<NgrokConnector>
  onChange: (status: TunnelStatus) => void
}

export interface Tunnel {
  status(): TunnelStatus
  /**
   * The random value the running ngrok tunnel adds to every request in TUNNEL_HEADER (null otherwise): the
   * receiver believes `X-Forwarded-For` only on requests that carry it (http-helpers.ts remoteAddressOf).
   */
  forwardKey(): string | null
  startNgrok(options: { authtoken?: string | undefined; domain?: string | undefined }): Promise<TunnelStatus>
  useOwnUrl(url: string): TunnelStatus
  /** Listens with TLS on `port` (strict: one of 443/80/88/8443) with a certificate for `host`. */
  startDirect(options: {
    host: string
    port: number
    strict: boolean
    bindHost?: string
  }): Promise<TunnelStatus>
  stop(): Promise<void>
}

const OFF: TunnelStatus = {
  state: 'off',
  mode: null,
  url: null,
  error: null,
  hint: null,
  certificatePem: null,
}

/** Plain-language advice for ngrok's errors (its own text is shown too). */
export function ngrokHint(message: string): string {
  if (/failed to connect session|tcp connection|dns|resolve/i.test(message)) {
    return 'ngrok cannot reach its servers: check the internet connection or a proxy/firewall. Hookbench keeps receiving locally.'
  }
  if (/authtoken|ERR_NGROK_105|ERR_NGROK_107|authentication failed/i.test(message)) {
    return 'ngrok refused the authtoken: copy it again from dashboard.ngrok.com (Your Authtoken), or set NGROK_AUTHTOKEN.'
  }
  if (/domain|ERR_NGROK_3/i.test(message))
    return 'The reserved domain is not yours or not reserved on this ngrok account.'
  return 'See the ngrok message above; Hookbench keeps receiving locally.'
}

/**
 * How the receiver becomes reachable over HTTPS: ngrok in-process, a URL the user already has, or direct
 * HTTPS with a self-signed certificate on a port Telegram accepts. Every failure is a status with ngrok's (or
 * the OS's) own text plus a hint; nothing here stops the local receiver.
 */
export function createTunnel(deps: TunnelDeps): Tunnel {
  let status: TunnelStatus = OFF
  let closeCurrent: (() => Promise<void>) | null = null
  let forwardKey: string | null = null
  const set = (s: TunnelStatus) => {
    status = s
    deps.onChange(s)
    return s
  }
  const stop = async () => {
    const close = closeCurrent
    closeCurrent = null
    forwardKey = null
    if (close) await close().catch((err: unknown) => deps.log.warn({ err }, 'closing the tunnel failed'))
    set(OFF)
  }

  return {
    status: () => status,
    forwardKey: () => (status.state === 'online' && status.mode === 'ngrok' ? forwardKey : null),
    async startNgrok({ authtoken, domain }) {
      await stop()
      set({ ...OFF, state: 'starting', mode: 'ngrok' })
      try {
        const ngrok = await deps.ngrok()
        const key = randomBytes(24).toString('base64url')
        const listener = await ngrok.forward({
          addr: deps.localPort(),
          // ngrok's edge drops a client's own copy of the header, then adds this tunnel's key.
          request_header_remove: TUNNEL_HEADER,
          request_header_add: `${TUNNEL_HEADER}: ${key}`,
          ...(authtoken && { authtoken }),
          ...(domain && { domain }),
        })
        closeCurrent = () => listener.close()
        forwardKey = key
        deps.log.info({ url: listener.url() }, 'tunnel online')
        return set({ ...OFF, state: 'online', mode: 'ngrok', url: listener.url() })
      } catch (err) {
        const message = (err as Error).message.replace(authtoken ?? '\u0000', '***')
        deps.log.warn({ problem: message }, 'tunnel failed')
        return set({
          ...OFF,
          state: 'error',
          mode: 'ngrok',
          error: `ngrok: ${message}`,
          hint: ngrokHint(message),
        })
      }
    },
    useOwnUrl(url) {
      let parsed: URL
      try {
        parsed = new URL(url)
      } catch {
        throw new AppError('invalid_input', `"${url}" is not a URL. Use https://host[:port]`, {
          where: [{ path: ['publicUrl'] }],
        })
      }
      if (parsed.username || parsed.password) {
        throw new AppError(
          'invalid_input',
          'Leave credentials out of the public URL: Hookbench adds the webhook user itself.',
          {
            where: [{ path: ['publicUrl'] }],
          },
        )
      }
      void stop()
      return set({ ...OFF, state: 'online', mode: 'own', url: parsed.origin })
    },
    async startDirect({ host, port, strict, bindHost }) {
      if (strict && !(TELEGRAM_PORTS as readonly number[]).includes(port)) {
        throw new AppError(
          'invalid_input',
          `Telegram delivers webhooks only to ports 443, 80, 88 or 8443; ${port} would be refused.`,
          {
            where: [{ path: ['port'] }],
          },
        )
      }
      await stop()
      set({ ...OFF, state: 'starting', mode: 'direct' })
      const cert = await generateCertificate(host)
      const server: Server = createServer({ key: cert.keyPem, cert: cert.certPem }, deps.handler)
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject)
          server.listen(port, bindHost ?? '0.0.0.0', () => resolve())
        })
      } catch (err) {
        const e = err as NodeJS.ErrnoException
        const hint =
          e.code === 'EACCES'
            ? `Ports below 1024 need privileges: run with them, or use 8443.`
            : e.code === 'EADDRINUSE'
              ? `Port ${port} is in use by another program.`
              : 'Check that the address exists on this machine.'
        return set({
          ...OFF,
          state: 'error',
          mode: 'direct',
          error: `Cannot listen on port ${port}: ${e.message}`,
          hint,
        })
      }
      const actual = (server.address() as { port: number }).port
      closeCurrent = () => new Promise<void>((resolve) => server.close(() => resolve()))
      const portPart = actual === 443 ? '' : `:${actual}`
      return set({
        ...OFF,
        state: 'online',
        mode: 'direct',
        url: `https://${host.includes(':') ? `[${host}]` : host}${portPart}`,
        certificatePem: cert.certPem,
      })
    },
    stop,
  }
}
