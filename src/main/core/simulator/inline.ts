import { randomInt } from 'node:crypto'
import type { z } from 'zod'
import { AppError } from '@shared/errors'
import type { SimChooseInput, SimInlineQuery, SimInlineQueryInput } from '@shared/simulator'
import { iso } from '../store/rows'
import { BotApiError, badRequest } from './bot-api-error'
import { parseFormatted, parseModeOf, type FormattedText } from './format/formatted-text'
import type { BotMethod } from './methods'
import { clamp } from './methods/method-types'
import type { SimContext } from './sim-context'
import type { InlineQueryRow } from './sim-log-repo'
import type { BotRow, ChatRow, MessageRow } from './sim-repo'
import { messageOf, type TgObject } from './telegram-objects'
import { reachesBot } from './privacy'
import { tdJsonDecode } from './td-json'

/**
 * Inline mode (docs/simulator.md, "Inline queries"). The fake user types `@bot query`: an inline_query update;
 * answerInlineQuery is checked the way the Bot API server parses results (telegram-bot-api Client.cpp
 * `get_inline_query_results`, `get_inline_query_result`); the user picks a result: a message "via @bot" and,
 * when the bot has inline feedback on (BotFather's /setinlinefeedback, off by default like Telegram's), a
 * chosen_inline_result update.
 *
 * Decisions: a query may be answered once, within `inlineQueryTimeoutMs` (default 10 s: Telegram documents no
 * number; bots report "query is too old" after about 10 s, e.g. eternnoir/pyTelegramBotAPI#270); later, twice,
 * or with an unknown id answers 400 `query is too old and response timeout expired or query ID is invalid`.
 */

const TOO_OLD = 'query is too old and response timeout expired or query ID is invalid'
const MAX_RESULTS = 50

const queryIdOf = () => `${randomInt(1, 2 ** 47)}${String(randomInt(0, 10_000)).padStart(4, '0')}`

/** One result the Bot API server would refuse: `Can't parse inline query result: <why>` (Client.cpp). */
class ResultError extends Error {}

type Json = Record<string, unknown>

// td's JsonObject (tdutils JsonBuilder.cpp): a string field may be sent as a number; a field present with
// another type, null included, is "must be of type …"; only an absent one is missing.
function optionalString(o: Json, name: string): string {
  if (!(name in o)) return ''
  const v = o[name]
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  throw new ResultError(`Field "${name}" must be of type String`)
}
function requiredString(o: Json, name: string): string {
  if (!(name in o)) throw new ResultError(`Can't find field "${name}"`)
  return optionalString(o, name)
}
function optionalObject(o: Json, name: string): Json | null {
  if (!(name in o)) return null
  const v = o[name]
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ResultError(`Field "${name}" must be of type Object`)
  }
  return v as Json
}

/** A message text with its parse mode, checked as sendMessage checks it (its errors, wrapped). */
function messageText(
  text: string,
  parseMode: string,
): FormattedText & { source: string; mode: string | null } {
  if (text.length === 0) throw new ResultError('Message text is empty')
  try {
    const mode = parseModeOf(parseMode)
    return { ...parseFormatted(text, mode), source: text, mode }
  } catch (err) {
    if (err instanceof BotApiError) {
      const inner = err.description.replace(/^Bad Request: /, '')
      throw new ResultError(inner.charAt(0).toUpperCase() + inner.slice(1))
    }
    throw err
  }
}

const TYPES_WITH_FILES = new Set([
  'audio',
  'document',
  'gif',
  'mpeg4_gif',
  'sticker',
  'video',
  'voice',
  'contact',
  'game',
  'location',
  'venue',
])

/** Checks one result like Client.cpp `get_inline_query_result` (article and photo in full, others their id). */
function checkResult(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ResultError('Inline query result must be an object')
  }
  const o = value as Json
  const type = requiredString(o, 'type').toLowerCase()
  requiredString(o, 'id')
  const content = optionalObject(o, 'input_message_content')
  if (content === null) {
    // The legacy message_text: an article needs it.
    const text = type === 'article' ? requiredString(o, 'message_text') : optionalString(o, 'message_text')
    if (text) messageText(text, optionalString(o, 'parse_mode'))
  } else {
    const text = optionalString(content, 'message_text')
    if (text) messageText(text, optionalString(content, 'parse_mode'))
    else if (type === 'article' && !('latitude' in content) && !('phone_number' in content)) {
      throw new ResultError('Input message content is not specified')
    }
  }
  optionalString(o, 'caption')
  if (type === 'article') {
    optionalString(o, 'url')
    requiredString(o, 'title')
    optionalString(o, 'description')
    return o
  }
  if (type === 'photo') {
    optionalString(o, 'title')
    optionalString(o, 'description')
    if (!optionalString(o, 'photo_url')) requiredString(o, 'photo_file_id')
    return o
  }
  if (TYPES_WITH_FILES.has(type)) return o
  throw new ResultError('Unsupported type specified')
}

/** `results` of answerInlineQuery, or Telegram's 400 for the first thing wrong with them. */
export function inlineResultsParam(raw: string | undefined): Json[] {
  if (raw === undefined || raw === '') return []
  const decoded = tdJsonDecode(raw)
  if (!decoded.ok) throw badRequest(`can't parse JSON encoded inline query results: ${decoded.error}`)
  const values = decoded.value
  if (values === null) return []
  if (!Array.isArray(values)) throw badRequest('expected an Array of inline query results')
  if (values.length > MAX_RESULTS) throw badRequest('too many inline query results specified')
  return values.map((value) => {
    try {
      return checkResult(value)
    } catch (err) {
      if (err instanceof ResultError) throw badRequest(`can't parse inline query result: ${err.message}`)
      throw err
    }
  })
}

/** answerInlineQuery: results checked first (like the Bot API server), then the query id and duplicates. */
export const answerInlineQuery: BotMethod = async ({ bot, p, ctx }) => {
  const results = inlineResultsParam(p.str('results'))
  const cacheTime = clamp(p.int('cache_time') ?? 300, 0, 24 * 3600)
  const id = p.str('inline_query_id')?.trim() ?? ''
  const query = id ? ctx.logs.inline(id) : null
  if (!query || query.botId !== bot.id || query.answeredAt !== null || isExpired(ctx, query)) {
    throw badRequest(TOO_OLD)
  }
  const ids = new Set<string>()
  for (const r of results) {
    const resultId = optionalString(r, 'id')
    if (ids.has(resultId)) throw badRequest('RESULT_ID_DUPLICATE')
    ids.add(resultId)
  }
  const answered = await ctx.write(() =>
    ctx.logs.answerInline(id, {
      at: ctx.now(),
      results,
      nextOffset: p.str('next_offset') ?? '',
      cacheTime,
      isPersonal: p.bool('is_personal'),
    }),
  )
  if (!answered) throw badRequest(TOO_OLD)
  const waiters = ctx.inlineWaiters.get(id)
  ctx.inlineWaiters.delete(id)
  for (const wake of waiters ?? []) wake()
  return { result: true }
}

const isExpired = (ctx: SimContext, q: InlineQueryRow) =>
  q.answeredAt === null && ctx.now() - q.createdAt > ctx.inlineQueryTimeoutMs

function viewOf(ctx: SimContext, q: InlineQueryRow): SimInlineQuery {
  return {
    id: q.id,
    chatId: q.chatId,
    query: q.query,
    offset: q.offset,
    chatType: q.chatType,
    updateId: q.updateId,
    createdAt: iso(q.createdAt),
    state: q.answeredAt !== null ? 'answered' : isExpired(ctx, q) ? 'expired' : 'waiting',
    results: q.results ?? [],
    nextOffset: q.nextOffset,
    cacheTime: q.cacheTime,
    chosenResultId: q.chosenResultId,
  }
}

/** The text or photo a chosen result sends, as a transcript message's fields. */
function contentOf(r: Json): Pick<MessageRow, 'text' | 'sourceText' | 'parseMode' | 'entities' | 'service'> {
  const content = optionalObject(r, 'input_message_content')
  const text = content ? optionalString(content, 'message_text') : optionalString(r, 'message_text')
  if (text) {
    const parsed = messageText(text, optionalString(content ?? r, 'parse_mode'))
    return {
      text: parsed.text,
      sourceText: parsed.mode ? parsed.source : null,
      parseMode: parsed.mode,
      entities: parsed.entities,
      service: null,
    }
  }
  const type = optionalString(r, 'type').toLowerCase()
  const caption = optionalString(r, 'caption')
  if (type === 'photo') {
    const url = optionalString(r, 'photo_url') || optionalString(r, 'photo_file_id')
    const fileId = `sim-inline-photo-${Buffer.from(url).toString('base64url').slice(0, 40)}`
    const photo = [
      {
        file_id: fileId,
        file_unique_id: fileId.slice(-16),
        width: Number(r.photo_width ?? 0) || 640,
        height: Number(r.photo_height ?? 0) || 480,
      },
    ]
    return {
      text: caption || '[photo]',
      sourceText: null,
      parseMode: null,
      entities: [],
      service: { photo, ...(caption && { caption }) },
    }
  }
  const title = optionalString(r, 'title')
  return {
    text: `[${type}]${title ? ` ${title}` : ''}`,
    sourceText: null,
    parseMode: null,
    entities: [],
    service: null,
  }
}

export interface InlineControlDeps {
  chatOr404(id: number): { chat: ChatRow; bot: BotRow }
  /** The member who acts (null: the chat's first user); AppError when not a member. */
  senderOf(chat: ChatRow, fromUserId: number | undefined): TgObject | null
  userOf(chat: ChatRow): TgObject
}

/** The control API side of inline mode. */
export function createInlineControl(ctx: SimContext, deps: InlineControlDeps) {
  const { repo, logs } = ctx

  function queryOr404(id: string): InlineQueryRow {
    const q = logs.inline(id)
    if (!q) {
      throw new AppError('not_found', `No inline query ${id}`, { where: [{ path: ['queryId'] }] })
    }
    return q
  }

  /** Resolves once the query is answered, or after `ms`. */
  function waitForAnswer(id: string, ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const set = ctx.inlineWaiters.get(id) ?? new Set<() => void>()
      ctx.inlineWaiters.set(id, set)
      const done = () => {
        clearTimeout(timer)
        set.delete(done)
        if (set.size === 0 && ctx.inlineWaiters.get(id) === set) ctx.inlineWaiters.delete(id)
        resolve()
      }
      const timer = setTimeout(done, ms)
      timer.unref()
      set.add(done)
    })
  }

  return {
    /** `@bot query` typed in a chat: an inline_query update; with `waitMs`, answers once the bot has. */
    async sendInlineQuery(input: z.output<typeof SimInlineQueryInput>): Promise<SimInlineQuery> {
      const { chat, bot } = deps.chatOr404(input.id)
      const from = deps.senderOf(chat, input.fromUserId) ?? deps.userOf(chat)
      const id = queryIdOf()
      // InlineQuery.chat_type: "sender" for the user's own chat with the bot.
      const chatType = chat.type === 'private' ? 'sender' : chat.type
      await ctx.write(() => {
        const updateId = ctx.addUpdate(bot.id, 'inline_query', chat.id, {
          inline_query: { id, from, query: input.query, offset: input.offset, chat_type: chatType },
        })
        logs.insertInline({
          id,
          botId: bot.id,
          chatId: chat.id,
          userId: Number(from.id),
          fromUser: from,
          query: input.query,
          offset: input.offset,
          chatType,
          updateId,
          createdAt: ctx.now(),
        })
      })
      ctx.updatesAdded(bot.id)
      await waitForAnswer(id, Math.min(input.waitMs, ctx.inlineQueryTimeoutMs))
      return viewOf(ctx, queryOr404(id))
    },

    async getInlineQuery(queryId: string): Promise<SimInlineQuery> {
      return viewOf(ctx, queryOr404(queryId))
    },

    /**
     * The user picks a result: a message "via @bot" in the chat (an update like any user message, which
     * privacy mode lets through), and chosen_inline_result when the bot has inline feedback on.
     */
    async chooseResult(
      input: z.output<typeof SimChooseInput>,
    ): Promise<{ messageId: number; updateId: number; chosenUpdateId: number | null }> {
      const q = queryOr404(input.queryId)
      const { chat, bot } = deps.chatOr404(q.chatId)
      const result = (q.results ?? []).find((r) => optionalString(r, 'id') === input.resultId)
      if (!result) {
        throw new AppError(
          'invalid_input',
          q.answeredAt === null
            ? `The bot has not answered inline query ${q.id}`
            : `Inline query ${q.id} has no result "${input.resultId}"`,
          { where: [{ path: ['resultId'] }] },
        )
      }
      const done = await ctx.write(() => {
        const messageId = repo.nextMessageId(chat.id)
        const firstUser = Number(deps.userOf(chat).id) === q.userId
        const row: MessageRow = {
          chatId: chat.id,
          messageId,
          fromBot: false,
          fromUser: firstUser ? null : q.fromUser,
          ...contentOf(result),
          replyMarkup: optionalObject(result, 'reply_markup'),
          replyTo: null,
          date: ctx.now(),
          editDate: null,
          updateId: null,
          viaBot: true,
        }
        const type = chat.type === 'channel' ? 'channel_post' : 'message'
        const skipped = chat.blocked
          ? ('blocked' as const)
          : chat.botStatus !== 'member'
            ? ('not_member' as const)
            : reachesBot(bot, chat, row, null, true)
              ? null
              : ('privacy' as const)
        if (skipped) ctx.skipUpdate(bot.id, type, chat.id, messageId, skipped)
        const updateId = skipped
          ? null
          : ctx.addUpdate(bot.id, type, chat.id, { [type]: messageOf(row, chat, bot) }, messageId)
        repo.saveMessage({ ...row, updateId })
        repo.setViaBot(chat.id, messageId)
        logs.chooseInline(q.id, input.resultId)
        // chosen_inline_result: inline_message_id only when the result carried an inline keyboard.
        const chosen = bot.inlineFeedback
          ? ctx.addUpdate(
              bot.id,
              'chosen_inline_result',
              chat.id,
              {
                chosen_inline_result: {
                  result_id: input.resultId,
                  from: q.fromUser,
                  ...(row.replyMarkup !== null && { inline_message_id: `${bot.id}_${chat.id}_${messageId}` }),
                  query: q.query,
                },
              },
              messageId,
            )
          : null
        return { row: { ...row, updateId }, updateId, chosen }
      })
      ctx.updatesAdded(bot.id)
      ctx.emitItem(done.row)
      return { messageId: done.row.messageId, updateId: done.updateId ?? 0, chosenUpdateId: done.chosen }
    },
  }
}
