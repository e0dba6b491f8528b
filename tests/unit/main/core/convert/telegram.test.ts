import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commandToDebugJson } from '../../../../../src/main/core/convert'
import { convertOk } from './webhook-request'

function telegramUpdate(name: string): string {
  return readFileSync(new URL(`../../../../fixtures/shared/telegram/${name}`, import.meta.url), 'utf8')
}

describe('convertWebhook: Telegram updates (seed outgoing-webhook-telegram)', () => {
  it('private-text.json with command.message=message.text gives the text and the sender tags', () => {
    const { cmd, warnings } = convertOk('/api/v1/messages/webhook/telegram?command.message=message.text', {
      contentType: 'application/json',
      body: telegramUpdate('private-text.json'),
    })
    expect(warnings).toEqual([])
    expect(cmd).toMatchObject({
      entity: 'telegram',
      source: 'telegram',
      type: 'webhook',
      message: 'status of cpu_busy on nurswgvml007?',
    })
    expect(cmd.tags).toMatchObject({
      update_id: '815196407',
      'message.message_id': '223',
      'message.from.first_name': 'Ada',
      'message.from.last_name': 'Lovelace',
      'message.from.username': 'ada_l',
      'message.from.is_bot': 'false',
      'message.chat.id': '77462709',
      'message.chat.type': 'private',
      'message.date': '1717000000',
      'message.text': 'status of cpu_busy on nurswgvml007?',
      request_ip: '192.0.2.1',
    })
  })

  it('reads the Telegram date (Unix seconds) with command.date', () => {
    const { cmd } = convertOk('/api/v1/messages/webhook/telegram?command.date=message.date', {
      contentType: 'application/json',
      body: telegramUpdate('private-text.json'),
    })
    expect(cmd.date).toBe('2024-05-29T16:26:40.000Z')
  })

  it.each(['start-command.json', 'callback-query.json', 'edited-group-message.json'])(
    '%s converts, and its debug JSON round-trips',
    (name) => {
      const { cmd } = convertOk('/api/v1/messages/webhook/telegram', {
        contentType: 'application/json',
        body: telegramUpdate(name),
      })
      expect(cmd.tags.update_id).toMatch(/^\d+$/)
      expect(JSON.parse(commandToDebugJson(cmd))).toEqual(cmd)
    },
  )

  it('a bot id above 2^31 keeps its digits', () => {
    const { cmd } = convertOk('/api/v1/messages/webhook/telegram', {
      contentType: 'application/json',
      body: telegramUpdate('callback-query.json'),
    })
    expect(cmd.tags['callback_query.message.from.id']).toBe('7012345678')
  })
})
