import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { MessageQuery, RequestQuery } from '@shared/api'
import {
  isEmptyFilter,
  messageFilterFromParams,
  messageViewToParams,
  requestFilterFromParams,
  requestFilterToParams,
  sameFilter,
  tagColumnsFromParams,
  type RequestFilter,
} from '@renderer/lib/filter-url'

describe('request filter ↔ URL', () => {
  it('round-trips every filter field', () => {
    const filter: RequestFilter = {
      text: 'cpu_busy',
      path: '/webhook/telegram',
      entity: 'nurswgvml007',
      status: '4xx',
      errorsOnly: true,
      updateId: 830001,
      from: '2024-05-29T10:00:00.000Z',
      to: '2024-05-29T11:00:00.000Z',
    }
    const params = requestFilterToParams(filter)
    expect(requestFilterFromParams(new URLSearchParams(params.toString()))).toEqual(filter)
  })

  it('reads a Telegram update id (the simulator link) and ignores one that is not a number', () => {
    expect(requestFilterFromParams(new URLSearchParams('updateId=42'))).toEqual({ updateId: 42 })
    expect(requestFilterFromParams(new URLSearchParams('updateId=abc'))).toEqual({})
  })

  it('writes nothing for an empty filter and leaves out empty, blank and false values', () => {
    expect(requestFilterToParams({}).toString()).toBe('')
    expect(requestFilterToParams({ text: '  ', errorsOnly: false, path: '' }).toString()).toBe('')
  })

  it('drops values the contract would refuse (hand-edited URLs)', () => {
    const params = new URLSearchParams('status=6xx&from=yesterday&errorsOnly=maybe&text=ok&entity=')
    expect(requestFilterFromParams(params)).toEqual({ text: 'ok' })
  })

  it('reads flags written as 1 or true, and ignores 0 and false', () => {
    expect(requestFilterFromParams(new URLSearchParams('errorsOnly=1'))).toEqual({ errorsOnly: true })
    expect(requestFilterFromParams(new URLSearchParams('errorsOnly=true'))).toEqual({ errorsOnly: true })
    expect(requestFilterFromParams(new URLSearchParams('errorsOnly=0'))).toEqual({})
    expect(requestFilterFromParams(new URLSearchParams('errorsOnly=false'))).toEqual({})
  })

  it('ignores the retired authFailed flag (refused requests are security incidents, not requests)', () => {
    expect(requestFilterFromParams(new URLSearchParams('authFailed=1'))).toEqual({})
  })
})

describe('message view ↔ URL', () => {
  it('keeps the filter and the tag columns', () => {
    const params = messageViewToParams({ entity: 'bot', tag: 'chat.type=priv*' }, [
      'message.chat.id',
      'request_ip',
    ])
    const parsed = new URLSearchParams(params.toString())
    expect(messageFilterFromParams(parsed)).toEqual({ entity: 'bot', tag: 'chat.type=priv*' })
    expect(tagColumnsFromParams(parsed)).toEqual(['message.chat.id', 'request_ip'])
  })

  it('keeps the message text search', () => {
    const params = new URLSearchParams(messageViewToParams({ text: '/start' }, []).toString())
    expect(messageFilterFromParams(params)).toEqual({ text: '/start' })
  })

  it('has no columns when cols is missing or empty', () => {
    expect(tagColumnsFromParams(new URLSearchParams(''))).toEqual([])
    expect(tagColumnsFromParams(new URLSearchParams('cols='))).toEqual([])
  })
})

describe('isEmptyFilter and sameFilter', () => {
  it('treats missing, empty and false as no condition', () => {
    expect(isEmptyFilter({})).toBe(true)
    expect(isEmptyFilter({ text: '', errorsOnly: false })).toBe(true)
    expect(isEmptyFilter({ status: '5xx' })).toBe(false)
    expect(sameFilter({ text: '' }, {})).toBe(true)
    expect(sameFilter({ errorsOnly: false }, {})).toBe(true)
    expect(sameFilter({ text: 'a' }, { text: 'b' })).toBe(false)
  })
})

// filter-url.ts checks URL values by hand (zod is not on the first page); each rule must agree with the
// contract's schema, which the core applies to the same query.
describe('URL checks agree with the contract', () => {
  const viaSchema = (schema: z.ZodType, raw: string) => {
    const parsed = schema.safeParse(raw)
    return parsed.success ? parsed.data : undefined
  }
  const long = (n: number) => 'x'.repeat(n)
  const times = [
    '2024-05-29T10:00:00.000Z',
    '2024-05-29T10:00:00Z',
    '2024-05-29T10:00:00+02:00',
    '2024-05-29T10:00:00.123456-11:30',
    '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-05-29T10:00Z',
    '2024-05-29T24:00:00Z',
    '2024-05-29T10:00:00',
    '2024-05-29 10:00:00Z',
    '2024-05-29T10:00:00+0200',
    'yesterday',
  ]
  const cases: [string, string[]][] = [
    ['text', ['ok', long(200), long(201), ' spaced ']],
    ['path', ['/webhook', long(500), long(501)]],
    ['entity', ['bot', long(500), long(501)]],
    ['from', times],
    ['to', times],
    ['status', ['2xx', '3xx', '4xx', '5xx', '6xx', '4XX', 'auth-failed']],
    ['errorsOnly', ['1', 'true', '0', 'false', 'yes', 'TRUE']],
    ['updateId', ['42', '-7', '0', ' 12 ', '1e3', '0x10', '12.5', 'abc', '9007199254740993']],
  ]
  it.each(cases)('requests: %s', (key, values) => {
    const schema: z.ZodType = RequestQuery.shape[key as keyof typeof RequestQuery.shape]
    for (const raw of values) {
      const expected = viaSchema(schema, raw)
      const read = (requestFilterFromParams(new URLSearchParams({ [key]: raw })) as Record<string, unknown>)[
        key
      ]
      // A false flag is "no condition": the filter leaves it out.
      expect([raw, read], key).toEqual([raw, expected === false ? undefined : expected])
    }
  })

  it.each([
    ['entity', [long(500), long(501)]],
    ['type', [long(500), long(501)]],
    ['source', [long(500), long(501)]],
    ['tag', ['chat.type=priv*', long(1000), long(1001)]],
    ['text', [long(200), long(201)]],
  ] as [string, string[]][])('messages: %s', (key, values) => {
    const schema: z.ZodType = MessageQuery.shape[key as keyof typeof MessageQuery.shape]
    for (const raw of values) {
      const read = (messageFilterFromParams(new URLSearchParams({ [key]: raw })) as Record<string, unknown>)[
        key
      ]
      expect([raw, read]).toEqual([raw, viaSchema(schema, raw)])
    }
  })
})
