import { describe, expect, it } from 'vitest'
import { convertWebhook } from '../../../../../src/main/core/convert'
import { convertOk, tagsOf, webhookRequest } from './webhook-request'

const HOOK = '/api/v1/messages/webhook/hook'

describe('convertWebhook: reserved parameters (ATSD-BEHAVIOUR §2.4)', () => {
  it.each([
    'type=ci',
    'TYPE=ci',
    'source=s',
    'entity=e',
    'Entity=e',
    'message=hello',
    'date=2016-06-09T16:15:04.005Z',
    'severity=3',
    'datetimePattern=seconds',
    'DATETIMEPATTERN=seconds',
    'command.type=f',
    'command.source=f',
    'command.entity=f',
    'command.message=f',
    'command.severity=f',
    'command.date=f',
    'Command.Entity=f',
    'header.type=X-H',
    'header.source=X-H',
    'header.entity=X-H',
    'header.message=X-H',
    'header.severity=X-H',
    'header.date=X-H',
    'HEADER.ENTITY=X-H',
    'header.tag.h=X-H',
    'exclude=zzz',
    'include=zzz',
    'excludeValues=zzz',
    'ExcludeValues=zzz',
    'includeValues=zzz',
    'json.parse=f',
    'JSON.PARSE=f',
    'debug=true',
    'Debug=false',
  ])('§2.4 %s is reserved and never becomes a tag', (param) => {
    const { cmd } = convertOk(`${HOOK}?${param}`)
    const name = param.slice(0, param.indexOf('=')).toLowerCase()
    expect(Object.keys(cmd.tags)).not.toContain(name)
    expect(Object.keys(cmd.tags).filter((tag) => tag !== 'request_ip' && tag !== 'h')).toEqual([])
  })

  it.each([
    ['type', 'type=ci', 'ci'],
    ['source', 'source=ci-server', 'ci-server'],
    ['entity', 'entity=nurswgvml007', 'nurswgvml007'],
    ['message', 'message=build%20failed', 'build failed'],
    ['severity', 'severity=critical', 'CRITICAL'],
    ['date', 'date=2016-06-09T12:15:04.005-04:00', '2016-06-09T16:15:04.005Z'],
  ])('§2.4 literal %s sets the field', (field, query, expected) => {
    const { cmd } = convertOk(`${HOOK}?${query}`)
    expect(cmd).toMatchObject({ [field]: expected })
  })

  const payload = {
    kind: 'build',
    origin: 'jenkins-01',
    host: 'nurswgvml007',
    text: 'Build #42 failed',
    level: 'error',
    at: '2016-06-09T16:15:04.005Z',
  }
  it.each([
    ['type', 'command.type=kind', 'build'],
    ['source', 'command.source=origin', 'jenkins-01'],
    ['entity', 'command.entity=host', 'nurswgvml007'],
    ['message', 'command.message=text', 'Build #42 failed'],
    ['severity', 'command.severity=level', 'CRITICAL'],
    ['date', 'command.date=at', '2016-06-09T16:15:04.005Z'],
  ])('§2.4 command.%s reads a payload field, which stays a tag', (field, query, expected) => {
    const { cmd } = convertOk(`${HOOK}?${query}`, { body: payload })
    expect(cmd).toMatchObject({ [field]: expected })
    expect(tagsOf(cmd)).toEqual(payload)
  })

  it('§2.4 command.* names a nested field by its tag name, case-insensitively', () => {
    const { cmd } = convertOk(`${HOOK}?command.entity=Host.Name&command.message=Lines[1]`, {
      body: { host: { Name: 'srv-1' }, lines: ['a', 'b'] },
    })
    expect(cmd).toMatchObject({ entity: 'srv-1', message: 'b' })
  })

  it('§2.4 command.* reads form fields', () => {
    const { cmd } = convertOk(`${HOOK}?command.entity=host&command.message=text`, {
      contentType: 'application/x-www-form-urlencoded',
      body: 'host=srv-2&text=disk+full',
    })
    expect(cmd).toMatchObject({ entity: 'srv-2', message: 'disk full' })
  })

  it('§2.4 a command.* field that is missing falls through to the default, with a warning', () => {
    const { cmd, warnings } = convertOk(`${HOOK}?command.type=nope`, { body: { a: 1 } })
    expect(cmd.type).toBe('webhook')
    expect(warnings).toContain('command.type=nope: the payload has no field nope')
  })

  const headers = {
    'X-Kind': 'deploy',
    'X-Origin': 'gitlab',
    'X-Host': 'srv-3',
    'X-Text': 'Deployed v2',
    'X-Level': 'warn',
    'X-At': '2016-06-24T20:00:45+0200',
  }
  it.each([
    ['type', 'header.type=X-Kind', 'deploy'],
    ['source', 'header.source=x-origin', 'gitlab'],
    ['entity', 'header.entity=X-HOST', 'srv-3'],
    ['message', 'header.message=X-Text', 'Deployed v2'],
    ['severity', 'header.severity=X-Level', 'WARNING'],
    ['date', 'header.date=X-At', '2016-06-24T18:00:45.000Z'],
  ])('§2.4 header.%s reads a request header (names case-insensitive)', (field, query, expected) => {
    const { cmd } = convertOk(`${HOOK}?${query}`, { headers })
    expect(cmd).toMatchObject({ [field]: expected })
    expect(tagsOf(cmd)).toEqual({})
  })

  it('§2.4 header.tag.NAME normalises NAME; a missing header is a warning', () => {
    const { cmd, warnings } = convertOk(
      `${HOOK}?header.tag.Event%20Kind=X-GitHub-Event&header.tag.d=X-Delivery`,
      {
        headers: { 'X-GitHub-Event': 'push' },
      },
    )
    expect(tagsOf(cmd)).toEqual({ event_kind: 'push' })
    expect(warnings).toContain('header.tag.d=X-Delivery: the request has no header X-Delivery')
  })

  it('§2.5 command.* wins over header.*, header.* over the default', () => {
    const url = `/api/v1/messages/webhook?command.entity=server&header.entity=User-Agent&header.type=X-Type`
    const init = {
      headers: { 'User-Agent': 'GitHub-Hookshot', 'X-Type': 'ping' },
      body: { server: 'test-2' },
    }
    expect(convertOk(url, init).cmd).toMatchObject({ entity: 'test-2', type: 'ping', source: '' })
    const noField = convertOk(url, { ...init, body: { other: 1 } }).cmd
    expect(noField.entity).toBe('GitHub-Hookshot')
  })

  it('§2.4 an empty literal counts as absent; a repeated literal keeps the last value', () => {
    expect(convertOk(`${HOOK}?entity=&type=a&type=b`).cmd).toMatchObject({ entity: 'hook', type: 'b' })
  })

  it('§2.4 unknown command.X / header.X parameters are ignored with a warning', () => {
    const { cmd, warnings } = convertOk(`${HOOK}?command.tags=x&header.foo=y`)
    expect(tagsOf(cmd)).toEqual({})
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/^command\.tags is not a known parameter/)
  })

  it.each([
    ['debug=true', true],
    ['debug=TRUE', true],
    ['debug=false', false],
    ['debug=1', false],
    ['', false],
  ])('§2.4 %s sets debug to %s', (query, debug) => {
    expect(convertWebhook(webhookRequest(`${HOOK}?${query}`)).debug).toBe(debug)
  })

  it('§2.4 debug is reported on errors too', () => {
    const result = convertWebhook(webhookRequest('/api/v1/messages/webhook?debug=true'))
    expect(result).toMatchObject({ ok: false, debug: true, error: { code: 'no_entity' } })
  })
})

describe('convertWebhook: tag merging (ATSD-BEHAVIOUR §2.2–§2.3)', () => {
  it('§2.3 query tags win over payload tags of the same name; header tags win over both', () => {
    const { cmd } = convertOk(`${HOOK}?status=query&Event=query&header.tag.event=X-Event`, {
      headers: { 'X-Event': 'header' },
      body: { status: 'payload', event: 'payload', other: 'payload' },
    })
    expect(tagsOf(cmd)).toEqual({ status: 'query', event: 'header', other: 'payload' })
  })

  it('§2.2 names are lower-cased, whitespace and non-printables become _, values are kept as given', () => {
    const { cmd } = convertOk(`${HOOK}?My%20Tag=%20Value%20&a%09b=1&c%00d=%22q%22&e%E2%80%8Bf=2`)
    expect(tagsOf(cmd)).toEqual({ my_tag: ' Value ', a_b: '1', c_d: '"q"', e_f: '2' })
  })

  it('§2.2 + is a space and a repeated query tag keeps its last value', () => {
    expect(tagsOf(convertOk(`${HOOK}?note=a+b&x=1&x=2`).cmd)).toEqual({ note: 'a b', x: '2' })
  })

  it('§2.3 an empty value produces no tag (query, form and JSON alike)', () => {
    const { cmd } = convertOk(`${HOOK}?empty=&flag`, {
      contentType: 'application/x-www-form-urlencoded',
      body: 'blank=&kept=1',
    })
    expect(tagsOf(cmd)).toEqual({ kept: '1' })
  })

  it('§2.2 malformed percent-encoding in the query does not throw', () => {
    expect(tagsOf(convertOk(`${HOOK}?a=%zz&b=%E0%A4&c%=1`).cmd)).toEqual({ a: '%zz', b: '\uFFFD', 'c%': '1' })
  })

  it('§2.1 the path remainder is used as decoded; a trailing / is not part of the name', () => {
    expect(convertOk('/api/v1/messages/webhook/my%20host/').cmd).toMatchObject({
      entity: 'my host',
      source: 'my host',
    })
    expect(convertOk('/api/v1/messages/webhook/a/b').cmd).toMatchObject({ entity: 'a/b', source: 'a/b' })
  })

  it('§2.1 request_ip overrides a sent request_ip tag and strips an IPv4-mapped prefix', () => {
    const { cmd } = convertOk(`${HOOK}?request_ip=1.2.3.4`, {
      body: { request_ip: '5.6.7.8' },
      remoteAddress: '::ffff:198.51.100.7',
    })
    expect(cmd.tags).toEqual({ request_ip: '198.51.100.7' })
  })

  it('§2.1 an IPv6 address is kept as is', () => {
    expect(convertOk(HOOK, { remoteAddress: '::1' }).cmd.tags.request_ip).toBe('::1')
    expect(convertOk(HOOK, { remoteAddress: '2001:db8::ffff:1' }).cmd.tags.request_ip).toBe(
      '2001:db8::ffff:1',
    )
  })
})

describe('convertWebhook: filters (ATSD-BEHAVIOUR §2.4 filter parameters)', () => {
  const body = {
    event: 'push',
    ref: 'refs/heads/main',
    url: 'https://example.org/x',
    User: { Name: 'Ada', id: 7, site: 'HTTP://caps.example' },
    items: [{ sha: 'abc' }, { sha: 'def' }],
  }
  it.each([
    ['exclude by name', 'exclude=user.*', ['event', 'ref', 'url', 'items[0].sha', 'items[1].sha']],
    [
      'name patterns are case-insensitive',
      'exclude=USER.*',
      ['event', 'ref', 'url', 'items[0].sha', 'items[1].sha'],
    ],
    ['* matches across dots', 'exclude=*sha', ['event', 'ref', 'url', 'user.name', 'user.id', 'user.site']],
    [
      '? matches one character',
      'exclude=items[?].sha;re?',
      ['event', 'url', 'user.name', 'user.id', 'user.site'],
    ],
    [
      'patterns match the whole name',
      'exclude=user',
      ['event', 'ref', 'url', 'user.name', 'user.id', 'user.site', 'items[0].sha', 'items[1].sha'],
    ],
    [
      'several ; patterns and repeated parameters all count',
      'exclude=event;ref&exclude=user.*&exclude=items*',
      ['url'],
    ],
    [
      'include rescues excluded names',
      'exclude=user.*;items*&include=user.name',
      ['event', 'ref', 'url', 'user.name'],
    ],
    [
      'include alone removes nothing',
      'include=event',
      ['event', 'ref', 'url', 'user.name', 'user.id', 'user.site', 'items[0].sha', 'items[1].sha'],
    ],
    [
      'excludeValues drops by value',
      'excludeValues=http*',
      ['event', 'ref', 'user.name', 'user.id', 'user.site', 'items[0].sha', 'items[1].sha'],
    ],
    [
      'value patterns are case-sensitive',
      'excludeValues=HTTP*',
      ['event', 'ref', 'url', 'user.name', 'user.id', 'items[0].sha', 'items[1].sha'],
    ],
    [
      'includeValues rescues excluded values',
      'excludeValues=*&includeValues=A*;push',
      ['event', 'user.name'],
    ],
    [
      'include does not rescue from excludeValues',
      'excludeValues=Ada&include=user.name',
      ['event', 'ref', 'url', 'user.id', 'user.site', 'items[0].sha', 'items[1].sha'],
    ],
  ])('§2.4 %s', (_label, query, expected) => {
    const { cmd } = convertOk(`${HOOK}?${query}`, { body })
    expect(Object.keys(tagsOf(cmd)).sort()).toEqual([...expected].sort())
  })

  it('§2.4 filters apply to query tags too, but never remove request_ip', () => {
    const { cmd } = convertOk(`${HOOK}?a=1&exclude=*&excludeValues=*`, { body })
    expect(cmd.tags).toEqual({ request_ip: '192.0.2.1' })
  })

  it('§2.4 filters never affect which field command.* reads', () => {
    const { cmd } = convertOk(`${HOOK}?command.message=user.name&command.entity=event&exclude=user.*;event`, {
      body,
    })
    expect(cmd).toMatchObject({ entity: 'push', message: 'Ada' })
    expect(cmd.tags).not.toHaveProperty('user.name')
  })

  it('§2.4 a pathological pattern stays fast (no regex backtracking)', () => {
    const long = 'a'.repeat(5000)
    const { cmd } = convertOk(`${HOOK}?excludeValues=*a*a*a*a*a*a*a*a*b`, { body: { long } })
    expect(cmd.tags.long).toBe(long)
  })
})

describe('convertWebhook: json.parse (ATSD-BEHAVIOUR §2.4 parse parameter)', () => {
  it('§2.4 json.parse repeats and reaches fields inside an already parsed field', () => {
    const inner = JSON.stringify({ detail: JSON.stringify({ state: 'ALARM' }), id: 5 })
    const { cmd, warnings } = convertOk(`${HOOK}?json.parse=Msg&json.parse=msg.detail&json.parse=other`, {
      body: { Msg: inner, other: '[1,{"k":"v"}]' },
    })
    expect(tagsOf(cmd)).toEqual({
      'msg.detail.state': 'ALARM',
      'msg.id': '5',
      'other[0]': '1',
      'other[1].k': 'v',
    })
    expect(warnings).toEqual([])
  })

  it('§2.4 invalid JSON keeps the text as a tag and records a warning', () => {
    const { cmd, warnings } = convertOk(`${HOOK}?json.parse=payload`, {
      contentType: 'application/x-www-form-urlencoded',
      body: `payload=${encodeURIComponent("'{not json'")}`,
    })
    expect(tagsOf(cmd)).toEqual({ payload: "'{not json'" })
    expect(warnings).toEqual([
      "json.parse=payload: Malformed JSON at line 1, column 1: Unexpected token '''; the field is kept as text",
    ])
  })

  it('§2.4 invalid JSON in a JSON string field is kept unquoted, like any JSON string', () => {
    const { cmd, warnings } = convertOk(`${HOOK}?json.parse=m`, { body: { m: "'{oops'" } })
    expect(cmd.tags.m).toBe('{oops')
    expect(warnings).toHaveLength(1)
  })

  it('§2.4 json.parse naming no text field is a warning', () => {
    const { cmd, warnings } = convertOk(`${HOOK}?json.parse=missing&json.parse=n`, { body: { n: 5 } })
    expect(tagsOf(cmd)).toEqual({ n: '5' })
    expect(warnings).toEqual([
      'json.parse=missing: the payload has no text field missing',
      'json.parse=n: the payload has no text field n',
    ])
  })

  it('§2.4 a parsed JSON string or scalar becomes the tag itself', () => {
    const { cmd } = convertOk(`${HOOK}?json.parse=a&json.parse=b&json.parse=c`, {
      body: { a: '"quoted"', b: '12345678901234567890', c: 'null' },
    })
    expect(tagsOf(cmd)).toEqual({ a: 'quoted', b: '12345678901234567890' })
  })

  it('§2.4 json.parse does not apply to query parameters', () => {
    const { cmd } = convertOk(`${HOOK}?json.parse=q&q=${encodeURIComponent('{"a":1}')}`)
    expect(tagsOf(cmd)).toEqual({ q: '{"a":1}' })
  })
})
