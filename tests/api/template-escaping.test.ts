import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TELEGRAM_REPLY_ACTION } from '@shared/rule-defaults'
import { startHttpPeer, type HttpPeer } from '../helpers/http-peer'
import { startTestCore, type TestCore } from '../helpers/start-core'

/**
 * Issue 18.7's measured cases, end to end: a chat message in the simulator fires a rule whose Telegram
 * action answers through the simulator (as Telegram), or whose HTTP action calls a peer.
 */
let core: TestCore
let peer: HttpPeer
beforeAll(async () => {
  core = await startTestCore()
  peer = await startHttpPeer()
  await core.api('/telegram/simulator', { method: 'POST', body: '{}' })
})
afterAll(async () => {
  await core.close()
  await peer.close()
})

const post = async (path: string, body: unknown) => {
  const res = await core.api(path, { method: 'POST', body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return res.json()
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const end = Date.now() + 10_000
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

interface Reply {
  text: string
  plainText: string
  entities: { type: string; offset: number; length: number; url?: string }[]
}

/** A rule answering chat messages that start with `tag ` with `text` in `parseMode`; the value is the rest. */
async function replyOf(tag: string, parseMode: string, text: string, message: string): Promise<Reply> {
  const value = `keepAfter(tags.message.text, '${tag} ')`
  await post('/rules', {
    name: `escape ${tag}`,
    filter: `entity = 'telegram' AND tags.message.text LIKE '${tag} *'`,
    actions: [{ ...TELEGRAM_REPLY_ACTION, parseMode, text: text.replaceAll('VALUE', `\${${value}}`) }],
  })
  const chat = await post('/simulator/chats', { firstName: tag })
  await post(`/simulator/chats/${chat.id}/messages`, { text: `${tag} ${message}` })
  return until(async () => {
    const { items } = await (await core.api(`/simulator/chats/${chat.id}/transcript`)).json()
    return items.find((i: { from: string }) => i.from === 'bot') as Reply | undefined
  }, `the reply to ${tag}`)
}

describe('Telegram action texts delivered to the simulator', () => {
  it('HTML: a quote in an href value cannot point the link elsewhere', async () => {
    const r = await replyOf(
      'href',
      'HTML',
      '<a href="https://ok.example/?q=VALUE">open</a>',
      '" href="https://evil.example/phish',
    )
    expect(r.entities).toHaveLength(1)
    expect(new URL(r.entities[0]!.url!).host).toBe('ok.example')
  })

  it('Markdown: a ] in link text cannot bring its own URL', async () => {
    const r = await replyOf(
      'mdlink',
      'Markdown',
      '[VALUE](https://ok.example)',
      'details](https://evil.example/x',
    )
    expect(r.entities.map((e) => e.url)).toEqual(['https://ok.example'])
  })

  it('HTML: user markup arrives as text', async () => {
    const r = await replyOf('markup', 'HTML', 'Alert: VALUE', '<b>inj</b> …')
    expect(r.plainText).toBe('Alert: <b>inj</b> …')
    expect(r.entities).toEqual([])
  })

  it('Markdown inside bold: snake_case a*b is accepted by the parser and shown whole', async () => {
    const r = await replyOf('bold', 'Markdown', '*VALUE*', 'snake_case a*b')
    expect(r.plainText).toBe('snake_case a*b')
    expect(r.entities.every((e) => e.type === 'bold')).toBe(true)
  })
})

describe('HTTP action bodies', () => {
  async function bodyOf(name: string, contentType: string, body: string, message: string): Promise<string> {
    peer.reset()
    await post('/rules', {
      name,
      filter: `entity = '${name}'`,
      actions: [{ kind: 'http', url: `${peer.url}/in`, contentType, body }],
    })
    const sent = await core.webhook(`/hook?entity=${name}&message=${encodeURIComponent(message)}`, {
      method: 'POST',
    })
    expect(sent.status).toBe(200)
    const [call] = await peer.waitForRequests(1)
    expect(call!.headers['content-type']).toBe(contentType)
    return call!.body
  }

  it('form: hi&chat=666&admin=true stays one field', async () => {
    const body = await bodyOf(
      'form',
      'application/x-www-form-urlencoded',
      'chat=1&text=${message}',
      'hi&chat=666&admin=true',
    )
    const form = new URLSearchParams(body)
    expect(form.getAll('chat')).toEqual(['1'])
    expect(form.get('text')).toBe('hi&chat=666&admin=true')
    expect(form.has('admin')).toBe(false)
  })

  it('XML: </text><chat>666</chat> stays text', async () => {
    const body = await bodyOf(
      'xml',
      'application/xml',
      '<m><chat>1</chat><text>${message}</text></m>',
      '</text><chat>666</chat>',
    )
    const doc = new XMLParser({ parseTagValue: false }).parse(body) as { m: { chat: unknown; text: string } }
    expect(doc.m.chat).toBe('1')
    expect(doc.m.text).toBe('</text><chat>666</chat>')
  })
})

describe('the dry run shows the escaped text', () => {
  it('renders the HTML text as it will be sent', async () => {
    const result = await post('/rules/test', {
      rule: {
        name: 'dry escape',
        actions: [{ kind: 'telegram', chatId: '1', parseMode: 'HTML', text: 'Alert: ${message}' }],
      },
      command: {
        entity: 'e',
        type: 'webhook',
        source: 's',
        severity: null,
        message: '<b>x</b> & y',
        date: new Date().toISOString(),
        tags: {},
      },
    })
    expect(result.actions[0].texts.text).toBe('Alert: &lt;b&gt;x&lt;/b&gt; &amp; y')
  })
})
