import { describe, expect, it } from 'vitest'
import { commandToDebugJson, convertWebhook } from '../../../../../src/main/core/convert'
import {
  convertFails,
  convertOk,
  RECEIVED_AT,
  tagsOf,
  webhookRequest,
  type RequestInit,
} from './webhook-request'

// Every example of ATSD-BEHAVIOUR.md §2, one row each, labelled with its section.

const COMMIT = {
  event: 'commit',
  repository: {
    name: 'atsd',
    public: true,
    'Full Name': 'Axibase TSD',
    references: [],
    authors: ['john.doe', 'mary.jones'],
  },
}

// A GitHub `watch` event as GitHub sends it (abridged), for the §2.6 exclude example.
const GITHUB_WATCH = {
  action: 'started',
  repository: {
    id: 98_765_432,
    name: 'atsd',
    full_name: 'axibase/atsd',
    private: false,
    owner: { login: 'axibase', id: 10_971_416, url: 'https://api.github.com/users/axibase' },
    html_url: 'https://github.com/axibase/atsd',
    description: 'Axibase Time Series Database',
    created_at: '2015-07-28T08:26:41Z',
    stargazers_count: 57,
    default_branch: 'master',
  },
  organization: { login: 'axibase', id: 10_971_416 },
  sender: {
    login: 'john-doe',
    id: 2_098_022,
    avatar_url: 'https://avatars.githubusercontent.com/u/2098022?v=4',
    gravatar_id: '',
    type: 'User',
    site_admin: false,
  },
}

interface Example {
  section: string
  url: string
  init?: RequestInit
  expected: {
    entity?: string
    type?: string
    source?: string
    severity?: string | null
    message?: string | null
  }
  /** Exactly these tags besides request_ip. */
  tags?: Record<string, string>
}

const examples: Example[] = [
  {
    section: '§2.1 source is the path remainder',
    url: '/api/v1/messages/webhook/incoming?entity=test',
    expected: { entity: 'test', source: 'incoming', type: 'webhook', severity: null, message: null },
    tags: {},
  },
  {
    section: '§2.1 no path remainder gives an empty source',
    url: '/api/v1/messages/webhook?entity=test',
    expected: { entity: 'test', source: '' },
    tags: {},
  },
  {
    section: '§2.1 entity defaults to the path remainder',
    url: '/api/v1/messages/webhook/jenkins',
    expected: { entity: 'jenkins', source: 'jenkins', type: 'webhook' },
    tags: {},
  },
  {
    section: '§2.2 query parameters become lower-cased tags',
    url: '/api/v1/messages/webhook/incoming?entity=test-1&action=started&Repeat=1',
    expected: { entity: 'test-1', source: 'incoming' },
    tags: { action: 'started', repeat: '1' },
  },
  {
    section: '§2.3 JSON payload is flattened (doc example)',
    url: '/api/v1/messages/webhook/incoming?entity=test',
    init: { body: COMMIT },
    expected: { entity: 'test' },
    tags: {
      event: 'commit',
      'repository.name': 'atsd',
      'repository.public': 'true',
      'repository.full_name': 'Axibase TSD',
      'repository.authors[0]': 'john.doe',
      'repository.authors[1]': 'mary.jones',
    },
  },
  {
    section: '§2.4 literal parameters set fields',
    url: '/api/v1/messages/webhook/jenkins?entity=test-1&type=ci&severity=3',
    expected: { entity: 'test-1', type: 'ci', severity: 'WARNING', source: 'jenkins' },
    tags: {},
  },
  {
    section: '§2.4 command parameters read payload fields, which stay tags',
    url: '/api/v1/messages/webhook/jenkins?command.entity=server&command.type=event',
    init: { body: { server: 'test-2', event: 'deploy' } },
    expected: { entity: 'test-2', type: 'deploy', source: 'jenkins' },
    tags: { server: 'test-2', event: 'deploy' },
  },
  {
    section: '§2.4 header.tag.NAME adds a tag from a header',
    url: '/api/v1/messages/webhook/github?header.tag.event=X-GitHub-Event',
    init: { headers: { 'X-GitHub-Event': 'watch' } },
    expected: { entity: 'github', source: 'github' },
    tags: { event: 'watch' },
  },
  {
    section: '§2.4 exclude with include',
    url: '/api/v1/messages/webhook/github?exclude=repository.*&include=repository.name',
    init: {
      body: {
        event: 'commit',
        result: 'ok',
        repository: { name: 'atsd', public: true, 'Full Name': 'Axibase TSD', references: [] },
      },
    },
    expected: { entity: 'github' },
    tags: { event: 'commit', result: 'ok', 'repository.name': 'atsd' },
  },
  {
    section: '§2.4 json.parse on a form field',
    url: '/api/v1/messages/webhook/travis?json.parse=payload',
    init: {
      contentType: 'application/x-www-form-urlencoded',
      body:
        'event=build&payload=' +
        encodeURIComponent('{"id":371662529,"number":"217","config":{"os":"linux"}}'),
    },
    expected: { entity: 'travis' },
    tags: {
      event: 'build',
      'payload.id': '371662529',
      'payload.number': '217',
      'payload.config.os': 'linux',
    },
  },
  {
    section: '§2.4 json.parse on a JSON string field (AWS SNS)',
    url: '/api/v1/messages/webhook/aws-cw?json.parse=Message',
    init: {
      body: {
        Type: 'Notification',
        Message: '{"version":"0","source":"aws.ec2","region":"us-east-1"}',
      },
    },
    expected: { entity: 'aws-cw' },
    tags: {
      type: 'Notification',
      'message.version': '0',
      'message.source': 'aws.ec2',
      'message.region': 'us-east-1',
    },
  },
  {
    section: '§2.5 precedence: literal > command > header > default',
    url: '/api/v1/messages/webhook/github?entity=test-1&header.entity=User-Agent&command.entity=server',
    init: { headers: { 'User-Agent': 'GitHub-Hookshot/5ee1da1' }, body: { server: 'test-2' } },
    expected: { entity: 'test-1', type: 'webhook', source: 'github' },
    tags: { server: 'test-2' },
  },
  {
    section: '§2.6 GitHub exclude example (sender.id is excluded: the rule, not the printed line)',
    url:
      '/api/v1/messages/webhook/github?exclude=organization.*;repository.*;*.signature;*.payload;*.sha;*.ref;*_at;*.id' +
      '&include=repository.name;repository.full_name&header.tag.event=X-GitHub-Event&excludeValues=http*',
    init: { headers: { 'X-GitHub-Event': 'watch' }, body: GITHUB_WATCH },
    expected: { entity: 'github', source: 'github', type: 'webhook' },
    tags: {
      action: 'started',
      'repository.name': 'atsd',
      'repository.full_name': 'axibase/atsd',
      'sender.login': 'john-doe',
      'sender.type': 'User',
      'sender.site_admin': 'false',
      event: 'watch',
    },
  },
]

describe('convertWebhook: ATSD-BEHAVIOUR examples', () => {
  it.each(examples)('$section', ({ url, init, expected, tags }) => {
    const { cmd } = convertOk(url, init)
    expect(cmd).toMatchObject(expected)
    if (tags) expect(tagsOf(cmd)).toEqual(tags)
    expect(cmd.tags.request_ip).toBe('192.0.2.1')
  })

  it('§2.1 defaults the date to the receive time and always adds request_ip', () => {
    const { cmd } = convertOk('/api/v1/messages/webhook/incoming?entity=test', {
      remoteAddress: '203.0.113.9',
    })
    expect(cmd.date).toBe(RECEIVED_AT)
    expect(cmd.tags).toEqual({ request_ip: '203.0.113.9' })
  })

  it('§2.4 debug=true flags the result for a debug answer', () => {
    const result = convertWebhook(webhookRequest('/api/v1/messages/webhook/github?debug=true'))
    expect(result).toMatchObject({ ok: true, debug: true })
  })

  it('§2.6 debug output is exactly the command JSON of the doc example', () => {
    const { cmd } = convertOk('/api/v1/messages/webhook/github?header.tag.event=X-GitHub-Event&debug=true', {
      headers: { 'X-GitHub-Event': 'watch' },
      body: { action: 'started' },
    })
    expect(commandToDebugJson(cmd)).toBe(
      '{"entity":"github","type":"webhook","source":"github","severity":null,"message":null,' +
        '"date":"2017-12-22T13:32:50.901Z","tags":{"action":"started","event":"watch","request_ip":"192.0.2.1"}}',
    )
  })

  it('§2.6 no entity: 400 naming the three ways to give one', () => {
    const error = convertFails('/api/v1/messages/webhook?action=started')
    expect(error.code).toBe('no_entity')
    expect(error.message).toContain('entity=')
    expect(error.message).toContain('command.entity=')
    expect(error.message).toContain('header.entity=')
  })

  it('§2.6 malformed JSON: 400 with the position of the break', () => {
    const error = convertFails('/api/v1/messages/webhook/x', {
      contentType: 'application/json',
      body: '{\n  "a": 1,\n  "b": tru\n}',
    })
    expect(error).toMatchObject({ code: 'malformed_json', line: 3, column: 11, offset: 22 })
    expect(error.message).toMatch(/^Malformed JSON at line 3, column 11: /)
  })

  it.each([
    ['date', 'date=2016-06-09T16:15:04', '2016-06-09T16:15:04'],
    ['severity', 'severity=urgent', 'urgent'],
    ['datetimePattern', 'datetimePattern=bogus%20%7B', 'bogus {'],
  ])('§2.6 a bad %s is a 400 naming the parameter and the value', (param, query, value) => {
    const error = convertFails(`/api/v1/messages/webhook/x?${query}`)
    expect(error).toMatchObject({ code: 'bad_parameter', param, value })
    expect(error.message).toContain(param)
    expect(error.message).toContain(JSON.stringify(value))
  })
})
