import { isIP } from 'node:net'

export interface SelfSignedCertificate {
  keyPem: string
  certPem: string
  fingerprint: string
}

/**
 * A self-signed certificate for the public host or IP Telegram will call (CN and SAN match it, as Telegram
 * requires; TELEGRAM.md §2). Its PEM goes to setWebhook as `certificate`.
 */
export async function generateCertificate(host: string): Promise<SelfSignedCertificate> {
  const san = isIP(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }
  // Loaded when first needed: selfsigned brings node-forge, the largest module of the main process's start
  // (~125 ms to load and several MB of heap), for a certificate most sessions never make.
  const { generate } = await import('selfsigned')
  const now = new Date()
  const result = await generate([{ name: 'commonName', value: host }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [san] },
    ],
  })
  return { keyPem: result.private, certPem: result.cert, fingerprint: result.fingerprint }
}
