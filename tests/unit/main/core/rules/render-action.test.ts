import { describe, expect, it } from 'vitest'
import type { MessageCommand } from '@shared/message'
import { RuleAction, type RuleActionInput } from '@shared/rules'
import type { EvalContext } from '../../../../../src/main/core/rules/expr'
import { renderAction } from '../../../../../src/main/core/rules/render-action'

const T0 = Date.parse('2024-05-29T16:00:00.000Z')
const command: MessageCommand = {
  entity: 'telegram',
  type: 'webhook',
  source: 'telegram',
  severity: 'WARNING',
  message: 'say "hi" to *bold_name* & <b>',
  date: new Date(T0).toISOString(),
  tags: {
    'message.chat.id': '77462709',
    'message.message_id': '223',
    'message.from.first_name': 'Ada_L',
    'message.from.username': 'ada_l',
  },
}
type Status = 'OPEN' | 'REPEAT' | 'CANCEL'
const ctx = (status: Status): EvalContext => ({
  command,
  nowMs: T0,
  receivedAtMs: T0,
  window: { count: 1, status, repeatCount: 0, openTimeMs: T0, rule: 'r', windowText: 'length(1)' },
})
const render = (action: RuleActionInput, status: Status = 'OPEN') =>
  renderAction(RuleAction.parse(action), status, ctx(status))
const telegram = (extra: Partial<Extract<RuleActionInput, { kind: 'telegram' }>> = {}) =>
  render({ kind: 'telegram', chatId: '${tags.message.chat.id}', text: '${message}', ...extra })

describe('renderAction: Telegram', () => {
  it.each([
    ['Markdown', 'say "hi" to \\*bold\\_name\\* & <b>'],
    ['MarkdownV2', 'say "hi" to \\*bold\\_name\\* & <b\\>'],
    ['HTML', 'say "hi" to *bold_name* &amp; &lt;b&gt;'],
    ['none', 'say "hi" to *bold_name* & <b>'],
  ] as const)('escapes placeholder values for parse mode %s', (parseMode, text) => {
    const r = telegram({ parseMode })
    expect(r.action.kind === 'telegram' && r.action.payload.text).toBe(text)
  })

  it('escapes only placeholder values, never the template itself', () => {
    const r = telegram({ text: '*Hello*, ${tags.message.from.first_name}' })
    expect(r.texts.text).toBe('*Hello*, Ada\\_L')
  })

  it('sends chat_id from a placeholder, Markdown by default, sound and link preview as set', () => {
    const r = telegram({ silent: true, linkPreview: false })
    expect(r.action).toMatchObject({
      kind: 'telegram',
      payload: {
        chat_id: '77462709',
        parse_mode: 'Markdown',
        disable_notification: true,
        link_preview_options: { is_disabled: true },
      },
    })
    expect(r.action.kind === 'telegram' && 'reply_parameters' in r.action.payload).toBe(false)
  })

  it('replies to the triggering message when replyToMessage is on', () => {
    const r = telegram({ replyToMessage: true })
    expect(r.action.kind === 'telegram' && r.action.payload.reply_parameters).toEqual({
      message_id: 223,
      allow_sending_without_reply: true,
    })
  })

  it('leaves parse_mode out for parse mode none', () => {
    const r = telegram({ parseMode: 'none' })
    expect(r.action.kind === 'telegram' && 'parse_mode' in r.action.payload).toBe(false)
  })

  it('uses the per-status text when there is one', () => {
    const action = { texts: { CANCEL: 'over: ${status}' } }
    expect(telegram(action).texts.text).toBe('say "hi" to \\*bold\\_name\\* & <b>')
    expect(render({ kind: 'telegram', chatId: '1', ...action }, 'CANCEL').texts.text).toBe('over: CANCEL')
  })
})

describe('renderAction: HTTP', () => {
  it('renders method, URL, headers and a JSON body, each escaped for where it goes', () => {
    const r = render({
      kind: 'http',
      method: 'PUT',
      url: 'http://127.0.0.1:1/hook/${tags.message.from.username}?q=${message}',
      headers: { 'x-rule': '${rule}', authorization: 'Bearer abc' },
      body: '{"text":"${message}","chat":${tags.message.chat.id}}',
    })
    expect(r.action).toEqual({
      kind: 'http',
      method: 'PUT',
      url: `http://127.0.0.1:1/hook/ada_l?q=${encodeURIComponent(command.message!)}`,
      headers: { 'x-rule': 'r', authorization: 'Bearer abc', 'content-type': 'application/json' },
      body: '{"text":"say \\"hi\\" to *bold_name* & <b>","chat":77462709}',
    })
    expect(JSON.parse((r.action as { body: string }).body)).toEqual({ text: command.message, chat: 77462709 })
  })

  it('does not JSON-escape a body of another content type, and keeps a given Content-Type', () => {
    const r = render({
      kind: 'http',
      url: 'http://127.0.0.1:1/',
      contentType: 'text/plain',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: '${message}',
    })
    expect(r.action).toMatchObject({
      body: command.message,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
    expect(Object.keys((r.action as { headers: object }).headers)).toEqual(['Content-Type'])
  })

  it('lists placeholders that rendered empty', () => {
    const r = render({ kind: 'http', url: 'http://127.0.0.1:1/${tags.nothing}', body: '${value}' })
    expect(r.emptyPlaceholders.sort()).toEqual(['tags.nothing', 'value'])
  })
})
