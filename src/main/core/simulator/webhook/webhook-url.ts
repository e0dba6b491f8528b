import { lookup } from 'node:dns/promises'
import { isIP, isIPv4 } from 'node:net'
import { badRequest } from '../bot-api-error'

/** Resolves a host name to its addresses (IPv4 and IPv6); rejects with a `code` like ENOTFOUND. */
export type ResolveHost = (host: string) => Promise<string[]>

export const resolveWithDns: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)

const ALLOWED_PORTS = new Set([80, 88, 443, 8443])

/** IPv4 ranges Telegram will not post to (private, loopback, link-local, documentation, multicast …). */
const RESERVED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
]

const v4ToInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)

export function isReservedIPv4(ip: string): boolean {
  const n = v4ToInt(ip)
  return RESERVED_V4.some(([base, bits]) => {
    const size = 2 ** (32 - bits)
    return Math.floor(n / size) === Math.floor(v4ToInt(base) / size)
  })
}

const RESOLVER_TEXT: Record<string, string> = {
  ENOTFOUND: 'Name or service not known',
  EAI_NONAME: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
  ENODATA: 'No address associated with hostname',
}

const badWebhook = (detail: string) => badRequest(`bad webhook: ${detail}`)

export interface CheckedWebhook {
  /** The URL as given (a URL without a scheme gets https://). */
  url: string
  /** The address delivery uses, for getWebhookInfo; `<unknown>` when unresolved (relaxed mode). */
  ipAddress: string
}

/**
 * setWebhook's checks on the URL. Strict mode copies the cloud (TELEGRAM.md §2): HTTPS, ports 80/88/443/8443,
 * a resolvable host with an IPv4 address that is not reserved. Relaxed mode copies `telegram-bot-api --local`
 * (§8): any scheme of http/https, any port, local addresses; a host that does not resolve is not an error.
 */
export async function checkWebhookUrl(
  raw: string,
  o: { strict: boolean; ipAddress: string | undefined; resolve: ResolveHost },
): Promise<CheckedWebhook> {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw badRequest('invalid webhook URL specified')
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !parsed.hostname) {
    throw badRequest('invalid webhook URL specified')
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  if (o.strict) {
    if (parsed.protocol !== 'https:') throw badWebhook('An HTTPS URL must be provided for webhook')
    const port = parsed.port ? Number(parsed.port) : 443
    if (!ALLOWED_PORTS.has(port)) throw badWebhook('Webhook can be set up only on ports 80, 88, 443 or 8443')
  }
  if (o.ipAddress !== undefined && !(o.strict ? isIPv4(o.ipAddress) : isIP(o.ipAddress))) {
    throw badWebhook('Invalid IP address specified')
  }
  let addresses: string[]
  if (o.ipAddress !== undefined) addresses = [o.ipAddress]
  else if (isIP(host)) addresses = [host]
  else {
    try {
      addresses = await o.resolve(host)
    } catch (err) {
      if (!o.strict) return { url, ipAddress: '<unknown>' }
      const code = (err as NodeJS.ErrnoException).code ?? ''
      throw badWebhook(
        `Failed to resolve host: ${RESOLVER_TEXT[code] ?? (code || 'Name or service not known')}`,
      )
    }
  }
  if (!o.strict) return { url, ipAddress: addresses[0] ?? '<unknown>' }
  if (addresses.length === 0) throw badWebhook(`Failed to resolve host: ${RESOLVER_TEXT.ENOTFOUND}`)
  const v4 = addresses.find((a) => isIPv4(a))
  if (!v4) throw badWebhook('IPv6-only addresses are not allowed')
  if (isReservedIPv4(v4)) throw badWebhook(`IP address ${v4} is reserved`)
  return { url, ipAddress: v4 }
}
