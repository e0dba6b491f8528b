import { describe, expect, it } from 'vitest'
import { BotApiError } from '../../../../../../src/main/core/simulator/bot-api-error'
import {
  checkWebhookUrl,
  isReservedIPv4,
} from '../../../../../../src/main/core/simulator/webhook/webhook-url'

const HOSTS: Record<string, string[]> = {
  'hb.example.com': ['203.0.114.7'],
  'v6only.example.com': ['2001:db8::1'],
  'internal.example.com': ['10.1.2.3'],
}
const resolve = async (host: string) => {
  const found = HOSTS[host]
  if (found) return found
  throw Object.assign(new Error('not found'), { code: host.includes('flaky') ? 'EAI_AGAIN' : 'ENOTFOUND' })
}

async function failure(url: string, strict: boolean, ipAddress?: string) {
  try {
    await checkWebhookUrl(url, { strict, ipAddress, resolve })
  } catch (err) {
    if (err instanceof BotApiError) return err.description
    throw err
  }
  return 'ok'
}

describe('checkWebhookUrl in strict mode (the cloud, TELEGRAM.md §2)', () => {
  it.each([
    [
      'https://hb.example.com:8080/tg',
      'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
    ],
    ['http://hb.example.com/tg', 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook'],
    [
      'https://nowhere.example.com/tg',
      'Bad Request: bad webhook: Failed to resolve host: Name or service not known',
    ],
    [
      'https://flaky.example.com/tg',
      'Bad Request: bad webhook: Failed to resolve host: Temporary failure in name resolution',
    ],
    ['https://127.0.0.1/tg', 'Bad Request: bad webhook: IP address 127.0.0.1 is reserved'],
    ['https://192.168.1.10:8443/tg', 'Bad Request: bad webhook: IP address 192.168.1.10 is reserved'],
    ['https://internal.example.com/tg', 'Bad Request: bad webhook: IP address 10.1.2.3 is reserved'],
    ['https://v6only.example.com/tg', 'Bad Request: bad webhook: IPv6-only addresses are not allowed'],
    ['https://[2001:db8::1]/tg', 'Bad Request: bad webhook: IPv6-only addresses are not allowed'],
    ['ftp://hb.example.com/tg', 'Bad Request: invalid webhook URL specified'],
    ['https://exa mple.com/tg', 'Bad Request: invalid webhook URL specified'],
  ])('refuses %s with "%s"', async (url, description) => {
    expect(await failure(url, true)).toBe(description)
  })

  it('refuses a bad ip_address', async () => {
    expect(await failure('https://hb.example.com/tg', true, '300.1.1.1')).toBe(
      'Bad Request: bad webhook: Invalid IP address specified',
    )
  })

  it('accepts HTTPS on an allowed port with a public address, and reads a URL without scheme as https', async () => {
    await expect(
      checkWebhookUrl('hb.example.com:88/tg', { strict: true, ipAddress: undefined, resolve }),
    ).resolves.toEqual({
      url: 'https://hb.example.com:88/tg',
      ipAddress: '203.0.114.7',
    })
    await expect(
      checkWebhookUrl('https://hb.example.com/tg', { strict: true, ipAddress: '198.51.99.1', resolve }),
    ).resolves.toEqual({ url: 'https://hb.example.com/tg', ipAddress: '198.51.99.1' })
  })
})

describe('checkWebhookUrl in relaxed mode (telegram-bot-api --local, §8)', () => {
  it.each([
    ['http://127.0.0.1:8780/api/v1/messages/webhook/telegram', '127.0.0.1'],
    ['http://192.168.1.10:3000/hook', '192.168.1.10'],
    ['https://[::1]:9443/hook', '::1'],
    ['http://nowhere.example.com/hook', '<unknown>'],
    ['http://internal.example.com:1/hook', '10.1.2.3'],
  ])('accepts %s (address %s)', async (url, ipAddress) => {
    expect(await checkWebhookUrl(url, { strict: false, ipAddress: undefined, resolve })).toEqual({
      url,
      ipAddress,
    })
  })
})

describe('isReservedIPv4', () => {
  it.each([
    ['10.0.0.1', true],
    ['100.64.0.1', true],
    ['127.0.0.1', true],
    ['169.254.1.1', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.0.1', true],
    ['224.0.0.1', true],
    ['8.8.8.8', false],
    ['149.154.167.220', false],
  ])('%s → %s', (ip, reserved) => {
    expect(isReservedIPv4(ip)).toBe(reserved)
  })
})
