import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/fixtures'
import { startTestCore, TEST_USER, type TestCore } from '../helpers/start-core'

let core: TestCore
beforeAll(async () => {
  core = await startTestCore()
})
afterAll(() => core.close())

const update = readFixture('telegram/private-text.json')
const post = (path: string, body = update) =>
  core.webhook(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

describe('inspector operations', () => {
  it('replays a stored request as is, authenticated as its user, and marks it as a replay', async () => {
    const { id } = await (await post('/telegram?command.message=message.text')).json()
    const res = await core.api(`/requests/${id}/replay`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(200)
    const replay = await (await core.api(`/requests/${(await res.json()).id}`)).json()
    expect(replay).toMatchObject({ status: 200, user: TEST_USER.name, authOutcome: 'ok', body: update })
    expect(replay.replayOf).toBe(id)
    expect(replay.headers['x-hookbench-replay-of']).toBeUndefined()
    expect(replay.headers['x-hookbench-internal']).toBeUndefined()
    expect(replay.headers['x-hookbench-as-user']).toBeUndefined()
    expect(replay.headers['user-agent']).not.toMatch(/lightMyRequest/)
    expect(replay.command.message).toBe('status of cpu_busy on nurswgvml007?')
    expect(replay.duplicateOf).toBe(id)
  })

  it('replays the stored bytes and headers exactly: odd JSON whitespace, custom Host and User-Agent', async () => {
    const body = '{ "update_id" : 9001,\n\t"message":{"text":"spaced  out",  "chat":{"id":5}} }\r\n'
    const url = new URL(`${core.webhookUrl}/telegram?command.message=message.text`)
    const auth = Buffer.from(`${TEST_USER.name}:${TEST_USER.password}`).toString('base64')
    const sent = await new Promise<{ id: number }>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            host: 'bots.example.test:8443',
            'user-agent': 'TelegramBot (like TwitterBot)',
            'content-type': 'application/json',
            authorization: `Basic ${auth}`,
            'x-custom': 'kept',
          },
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString()))
          res.on('end', () => resolve(JSON.parse(text) as { id: number }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
    const original = await (await core.api(`/requests/${sent.id}`)).json()
    const res = await core.api(`/requests/${sent.id}/replay`, { method: 'POST', body: '{}' })
    const replay = await (await core.api(`/requests/${(await res.json()).id}`)).json()
    expect(replay.body).toBe(body)
    expect(replay.size).toBe(Buffer.byteLength(body))
    expect(replay.headers).toEqual(original.headers)
    expect(replay.headers).toMatchObject({
      host: 'bots.example.test:8443',
      'user-agent': 'TelegramBot (like TwitterBot)',
      authorization: `Basic ${TEST_USER.name}:***`,
    })
    expect(replay).toMatchObject({ path: original.path, query: original.query, replayOf: sent.id })
  })

  it('refuses an edited path outside the webhook prefix', async () => {
    const { id } = await (await post('/telegram')).json()
    const res = await core.api(`/requests/${id}/replay`, {
      method: 'POST',
      body: JSON.stringify({ path: '/api/requests' }),
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error.where).toEqual([{ path: ['path'] }])
  })

  it('stores the answer Hookbench sent beside the request, and puts it in HAR entries', async () => {
    const { id } = await (await post('/answered?entity=answered')).json()
    const read = async () => (await (await core.api(`/requests/${id}`)).json()).response
    await expect.poll(read).not.toBeNull()
    const response = await read()
    expect(response).toMatchObject({ status: 200, bodyEncoding: 'utf8', bodyTruncated: false })
    expect(JSON.parse(response.body)).toEqual({ ok: true, id })
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.size).toBe(Buffer.byteLength(response.body))
    expect(response.timeMs).toBeGreaterThanOrEqual(0)
    const har = await (await core.api('/requests/export?format=har&path=answered')).json()
    const entry = har.log.entries[0]
    expect(entry.response.status).toBe(200)
    expect(entry.response.content).toMatchObject({ size: response.size, text: response.body })
    expect(entry.response.headers).toContainEqual({
      name: 'content-type',
      value: response.headers['content-type'],
    })
    expect(entry.time).toBe(response.timeMs)
    expect(entry.timings.wait).toBe(response.timeMs)
  })

  it('stores the error answer of a request that failed conversion', async () => {
    const { id } = await (await post('/broken?entity=broken', '{"not json')).json()
    const read = async () => (await (await core.api(`/requests/${id}`)).json()).response
    await expect.poll(read).not.toBeNull()
    const response = await read()
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({ id, error: { kind: 'invalid_input' } })
  })

  it('replays an edited request (method, headers and body changed first)', async () => {
    const { id } = await (await post('/telegram?command.message=message.text')).json()
    const edited = JSON.stringify({ update_id: 1, message: { text: 'edited text', chat: { id: 5 } } })
    const res = await core.api(`/requests/${id}/replay`, {
      method: 'POST',
      body: JSON.stringify({
        body: edited,
        headers: { 'content-type': 'application/json', 'x-extra': 'yes' },
      }),
    })
    const replay = await (await core.api(`/requests/${(await res.json()).id}`)).json()
    expect(replay.command.message).toBe('edited text')
    expect(replay.headers['x-extra']).toBe('yes')
  })

  it('replays with an edited path, query and a body sent as typed (not re-serialised)', async () => {
    const { id } = await (await post('/telegram?command.message=message.text')).json()
    const edited = '{\n  "update_id": 2,\n  "message": { "text": "typed", "chat": { "id": 5 } }\n}'
    const res = await core.api(`/requests/${id}/replay`, {
      method: 'POST',
      body: JSON.stringify({
        path: '/api/v1/messages/webhook/elsewhere',
        query: 'entity=edited-entity',
        body: edited,
        headers: { 'content-type': 'application/json' },
      }),
    })
    expect(res.status).toBe(200)
    const replay = await (await core.api(`/requests/${(await res.json()).id}`)).json()
    expect(replay).toMatchObject({
      path: '/api/v1/messages/webhook/elsewhere',
      query: 'entity=edited-entity',
      entity: 'edited-entity',
      body: edited,
    })
  })

  it('sends a sample Telegram update that is stored and converted', async () => {
    const res = await core.api('/requests/sample', { method: 'POST', body: '{}' })
    const { id } = await res.json()
    const d = await (await core.api(`/requests/${id}`)).json()
    expect(d.command.tags['message.from.first_name']).toBe('Ada')
    expect(d.path).toBe('/api/v1/messages/webhook/telegram')
  })

  it('exports requests as HAR 1.2 and JSON with secrets masked', async () => {
    const secretBody = JSON.stringify({ note: 'token 123456789:AAHrB1gmYKaSvzsXjhbyDypOJlfu_FgdwrE inside' })
    await post('/export-me?entity=exp', secretBody)
    const har = await (await core.api('/requests/export?format=har&path=export-me')).json()
    expect(har.log.version).toBe('1.2')
    expect(har.log.entries).toHaveLength(1)
    const entry = har.log.entries[0]
    expect(entry.request.method).toBe('POST')
    expect(entry.request.url).toMatch(/\/api\/v1\/messages\/webhook\/export-me\?entity=exp$/)
    expect(entry.request.headers.find((h: { name: string }) => h.name === 'authorization').value).toBe(
      `Basic ${TEST_USER.name}:***`,
    )
    expect(JSON.stringify(har)).not.toContain('AAHrB1gmYKaSvzsXjhbyDypOJlfu_FgdwrE')
    expect(JSON.stringify(har)).not.toContain(TEST_USER.password)
    const json = await (await core.api('/requests/export?format=json&path=export-me')).json()
    expect(json).toHaveLength(1)
    expect(json[0].body).toContain('token ***')
  })

  it('says which rules a stored message matches, without side effects', async () => {
    await core.api('/rules', {
      method: 'POST',
      body: JSON.stringify({ name: 'cpu questions', filter: "message LIKE '*cpu*'", condition: 'true' }),
    })
    const { id } = await (await post('/telegram?command.message=message.text')).json()
    const { messageId } = await (await core.api(`/requests/${id}`)).json()
    const res = await (await core.api(`/messages/${messageId}/rules`)).json()
    const cpu = res.items.find((r: { rule: string }) => r.rule === 'cpu questions')
    expect(cpu.result.filter.value).toBe(true)
    expect(cpu.result.windowKey).toBe('telegram')
  })

  it('reads one stored message by id, and answers 404 for a missing one', async () => {
    const { id } = await (await post('/telegram?command.message=message.text')).json()
    const { messageId } = await (await core.api(`/requests/${id}`)).json()
    const m = await (await core.api(`/messages/${messageId}`)).json()
    expect(m).toMatchObject({ id: messageId, requestId: id, entity: 'telegram' })
    expect((await core.api('/messages/999999')).status).toBe(404)
  })

  it('lists tag names seen in stored messages for autocomplete', async () => {
    const res = await (await core.api('/messages/tag-names?prefix=message.from.')).json()
    expect(res.items).toContain('message.from.first_name')
    expect(res.items.every((n: string) => n.startsWith('message.from.'))).toBe(true)
  })
})

describe('the requests list', () => {
  it('tells Telegram updates apart: each row carries its update type and message text', async () => {
    const ids: Record<string, number> = {}
    for (const name of ['private-text', 'edited-group-message', 'callback-query']) {
      const res = await post('/telegram?command.message=message.text', readFixture(`telegram/${name}.json`))
      ids[name] = (await res.json()).id
    }
    const plain = (await (await post('/plain', '{"a":1}')).json()).id
    const { items } = await (await core.api('/requests?limit=10')).json()
    const row = (id: number) => items.find((r: { id: number }) => r.id === id)
    expect(row(ids['private-text']!)).toMatchObject({
      updateType: 'message',
      messageText: 'status of cpu_busy on nurswgvml007?',
    })
    expect(row(ids['edited-group-message']!).updateType).toBe('edited_message')
    expect(row(ids['callback-query']!).updateType).toBe('callback_query')
    expect(row(plain).updateType).toBeNull()
    // The detail agrees with the list.
    const detail = await (await core.api(`/requests/${ids['callback-query']}`)).json()
    expect(detail.updateType).toBe('callback_query')
  })
})
