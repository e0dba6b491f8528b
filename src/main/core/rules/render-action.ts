import type { AlertStatus, RuleAction } from '@shared/rules'
import {
  bodyTarget,
  escaperFor,
  renderTemplate,
  telegramTarget,
  type EscapeTarget,
  type EvalContext,
} from './expr'

/** What an action will send, rendered; `botToken` is resolved later by the notifier. */
export type RenderedAction =
  | {
      kind: 'telegram'
      bot: { token?: string | undefined; id?: string | undefined }
      payload: Record<string, unknown>
    }
  | {
      kind: 'http'
      method: string
      url: string
      headers: Record<string, string>
      body: string
      /** Header names the user marked secret (masked in the delivery log with the ones always secret). */
      secretHeaders?: string[]
      /** Secret headers whose stored value is gone: the action is not sent (the notifier says why). */
      missingSecrets?: string[]
    }
  | { kind: 'desktop'; title: string; text: string }

export interface RenderResult {
  action: RenderedAction
  /** Texts as rendered, by field (shown by the rule test and the editor preview). */
  texts: Record<string, string>
  emptyPlaceholders: string[]
  errors: string[]
}

/**
 * Renders an action's templates against the alert's context, each placeholder escaped for where it lands
 * (issue 18.7, escape-context.ts): the Telegram parse mode's text, attribute or link part; the HTTP body's
 * content type (JSON string or value, form field, XML text); URL components in URLs; one line in headers.
 * `${raw:expr}` is not escaped.
 */
export function renderAction(action: RuleAction, status: AlertStatus, ctx: EvalContext): RenderResult {
  const empty = new Set<string>()
  const errors: string[] = []
  const texts: Record<string, string> = {}
  const render = (field: string, template: string, target: EscapeTarget = 'plain') => {
    const r = renderTemplate(template, ctx, escaperFor(target))
    r.empty.forEach((e) => empty.add(e))
    r.errors.forEach((e) => errors.push(`${field}: ${e.message}`))
    texts[field] = r.text
    return r.text
  }
  const statusText = action.texts?.[status]
  let rendered: RenderedAction
  if (action.kind === 'telegram') {
    const text = render('text', statusText ?? action.text, telegramTarget(action.parseMode))
    const payload: Record<string, unknown> = {
      chat_id: render('chatId', action.chatId),
      text,
      disable_notification: action.silent,
      link_preview_options: { is_disabled: !action.linkPreview },
    }
    if (action.parseMode !== 'none') payload.parse_mode = action.parseMode
    const replyTo = Number(ctx.command.tags['message.message_id'])
    if (action.replyToMessage && Number.isSafeInteger(replyTo)) {
      payload.reply_parameters = { message_id: replyTo, allow_sending_without_reply: true }
    }
    rendered = { kind: 'telegram', bot: { token: action.botToken, id: action.botId }, payload }
  } else if (action.kind === 'http') {
    const headers: Record<string, string> = {}
    for (const [h, v] of Object.entries(action.headers)) headers[h] = render(`headers.${h}`, v, 'header')
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = action.contentType
    rendered = {
      kind: 'http',
      method: action.method,
      url: render('url', action.url, 'url'),
      headers,
      body: render('body', statusText ?? action.body, bodyTarget(action.contentType)),
      ...(action.secretHeaders?.length && { secretHeaders: action.secretHeaders }),
    }
  } else {
    rendered = {
      kind: 'desktop',
      title: render('title', action.title),
      text: render('text', statusText ?? action.text),
    }
  }
  return { action: rendered, texts, emptyPlaceholders: [...empty], errors }
}
