import { describe, expect, it } from 'vitest'
import type { MessageCommand } from '@shared/message'
import { commandToDebugJson } from '../../../../../src/main/core/convert'

describe('commandToDebugJson (ATSD-BEHAVIOUR §2.6)', () => {
  it('§2.6 writes the fields in ATSD order whatever the object order, null for absent values', () => {
    const cmd: MessageCommand = {
      tags: { b: '2', a: '1', request_ip: '192.0.2.1' },
      date: '2017-12-22T13:32:50.901Z',
      message: null,
      severity: null,
      source: 'github',
      type: 'webhook',
      entity: 'github',
    }
    expect(commandToDebugJson(cmd)).toBe(
      '{"entity":"github","type":"webhook","source":"github","severity":null,"message":null,' +
        '"date":"2017-12-22T13:32:50.901Z","tags":{"b":"2","a":"1","request_ip":"192.0.2.1"}}',
    )
  })

  it('§2.6 writes a severity name and a message, and nothing else', () => {
    const cmd = {
      entity: 'e',
      type: 't',
      source: 's',
      severity: 'WARNING',
      message: 'say "hi"',
      date: '2016-06-09T16:15:04.005Z',
      tags: {},
      extra: 'not part of the command',
    } satisfies MessageCommand & { extra: string }
    expect(JSON.parse(commandToDebugJson(cmd))).toEqual({
      entity: 'e',
      type: 't',
      source: 's',
      severity: 'WARNING',
      message: 'say "hi"',
      date: '2016-06-09T16:15:04.005Z',
      tags: {},
    })
  })
})
