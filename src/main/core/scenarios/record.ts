import { Document, isMap, isSeq, type YAMLMap } from 'yaml'
import type { BotCall } from '@shared/bot-loop'
import type { TrafficItem } from '../store/scenarios-repo'

/**
 * A chat's recorded traffic (its updates and the bot's calls, docs/scenarios.md "Recording") as a scenario: what
 * the users did becomes `send`/`edit`/`press`/`join`/`leave` steps, what the bot answered becomes `expect`
 * steps with its real texts and keyboards. The same for a simulator chat and for real Telegram traffic.
 */

type Json = Record<string, unknown>
const obj = (v: unknown): Json | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null

interface TgUser {
  id: number
  is_bot?: boolean
  first_name?: string
  last_name?: string
  username?: string
}

/** Bot methods whose expectation is not worth a step: plumbing, not behaviour. */
const IGNORED = new Set([
  'getme',
  'getupdates',
  'setwebhook',
  'deletewebhook',
  'getwebhookinfo',
  'sendchataction',
  'setmycommands',
  'getmycommands',
  'deletemycommands',
  'getchat',
  'getfile',
  'close',
  'logout',
])

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '')
    .replace(/^[^A-Za-z]+/, '')
    .slice(0, 24)
    .toLowerCase()

export interface RecordedScenario {
  yaml: string
  steps: number
}

export function scenarioFromTraffic(
  traffic: TrafficItem[],
  options: { name: string; botUsername: string | null; comment?: string },
): RecordedScenario {
  const userKeys = new Map<number, string>()
  const users: Record<string, Json> = {}
  let chat: Json | null = null
  const members: string[] = []
  const steps: Json[] = []
  let chatKey = 'chat'

  const keyOf = (u: TgUser): string => {
    let key = userKeys.get(u.id)
    if (key) return key
    // A private chat's id is its user's id: that user is named by the chat's key.
    if (chat?.type === 'private' && u.id === chat.id) key = chatKey
    else {
      const base = slug(u.username ?? u.first_name ?? '') || 'user'
      key = base
      for (let n = 2; Object.hasOwn(users, key) || key === chatKey; n++) key = `${base}${n}`
    }
    userKeys.set(u.id, key)
    users[key] = {
      firstName: u.first_name ?? key,
      ...(u.last_name && { lastName: u.last_name }),
      ...(u.username && { username: u.username }),
    }
    return key
  }
  /** Users who joined during the recording: not members at its start. */
  const joinedLater = new Set<string>()
  const isGroup = () => chat !== null && chat.type !== 'private'
  /** Replaces the bot's username and the chat's and users' ids with placeholders, so a replay in fresh chats matches. */
  const generic = (text: string): string => {
    let t = options.botUsername ? text.split(`@${options.botUsername}`).join('@{bot}') : text
    if (chat && typeof chat.id === 'number') t = t.split(String(chat.id)).join(`{chat.${chatKey}.id}`)
    for (const [id, key] of userKeys)
      if (String(id).length >= 5) t = t.split(String(id)).join(`{user.${key}.id}`)
    return t
  }
  const member = (u: TgUser | null): { from?: string } => {
    if (!u || u.is_bot) return {}
    const key = keyOf(u)
    if (isGroup() && !members.includes(key) && !joinedLater.has(key)) members.push(key)
    return isGroup() && members[0] !== key ? { from: key } : {}
  }
  const noteChat = (c: Json | null) => {
    if (chat || !c) return
    chat = c
    if (c.type === 'private') chatKey = slug(String(c.username ?? c.first_name ?? '')) || 'user'
    else chatKey = slug(String(c.title ?? '')) || 'group'
  }
  const labelOf = (keyboard: unknown, data: string): string | null => {
    const rows = obj(keyboard)?.inline_keyboard
    if (!Array.isArray(rows)) return null
    for (const row of rows as Json[][])
      for (const b of row) if (b.callback_data === data) return String(b.text)
    return null
  }
  const labels = (markup: unknown): string[][] | null => {
    const rows = obj(markup)?.inline_keyboard
    return Array.isArray(rows) ? (rows as Json[][]).map((r) => r.map((b) => String(b.text))) : null
  }
  let lastKeyboard: unknown = null

  const fromUpdate = (item: Extract<TrafficItem, { kind: 'update' }>) => {
    const u = obj(item.payload)
    if (!u) return
    const message = obj(u.message) ?? obj(u.edited_message)
    const query = obj(u.callback_query)
    noteChat(obj(message?.chat) ?? obj(obj(query?.message)?.chat))
    if (message) {
      const from = message.from as TgUser | undefined
      const joined = message.new_chat_members as TgUser[] | undefined
      const left = message.left_chat_member as TgUser | undefined
      if (joined) {
        for (const j of joined.filter((x) => !x.is_bot)) {
          const key = keyOf(j)
          if (!members.includes(key)) joinedLater.add(key)
          steps.push({ join: { chat: chatKey, user: key } })
        }
        return
      }
      if (left) {
        if (!left.is_bot) steps.push({ leave: { chat: chatKey, user: keyOf(left) } })
        return
      }
      const text = typeof message.text === 'string' ? message.text : null
      if (text === null) return
      const who = member(from ?? null)
      if (u.edited_message) {
        steps.push({ edit: { chat: chatKey, text: generic(text) } })
        return
      }
      const replyTo = obj(message.reply_to_message)
      const toBot = replyTo && (replyTo.from as TgUser | undefined)?.is_bot === true
      steps.push({ send: { chat: chatKey, text: generic(text), ...who, ...(toBot && { replyToBot: true }) } })
      return
    }
    if (query && typeof query.data === 'string') {
      const label = labelOf(obj(query.message)?.reply_markup, query.data) ?? labelOf(lastKeyboard, query.data)
      if (label === null) return
      steps.push({ press: { chat: chatKey, button: generic(label), ...member(query.from as TgUser) } })
    }
  }

  const fromCall = (call: BotCall) => {
    const method = call.method.toLowerCase()
    if (!call.ok || IGNORED.has(method) || call.answeredBy === 'hookbench') return
    const result = obj(call.result)
    if (method === 'answercallbackquery') {
      const text = call.params.text
      if (typeof text === 'string' && text)
        steps.push({ expect: { chat: chatKey, callbackAnswer: generic(text) } })
      return
    }
    if (method === 'sendmessage' || method === 'editmessagetext') {
      // The Message Telegram answered carries the text as the user reads it (markup parsed out).
      const text = typeof result?.text === 'string' ? result.text : (call.text ?? '')
      const buttons = labels(call.params.reply_markup)
      if (buttons) lastKeyboard = call.params.reply_markup
      steps.push({
        expect: {
          chat: chatKey,
          text: generic(text),
          ...(buttons && { buttons: buttons.map((r) => r.map(generic)) }),
        },
      })
      return
    }
    if (method === 'editmessagereplymarkup') {
      const buttons = labels(call.params.reply_markup)
      if (buttons) {
        lastKeyboard = call.params.reply_markup
        steps.push({ expectCall: { method: call.method } })
      }
      return
    }
    steps.push({ expectCall: { method: call.method } })
  }

  for (const item of traffic) {
    if (item.kind === 'update') fromUpdate(item)
    else fromCall(item.call)
  }

  const c = chat as Json | null
  const group = c !== null && c.type !== 'private'
  const chatDef: Json = group
    ? {
        type: c.type === 'supergroup' ? 'supergroup' : 'group',
        ...(typeof c.title === 'string' && { title: c.title }),
        members: members.length > 0 ? members : ['user'],
      }
    : { type: 'private', ...(users[chatKey] ?? { firstName: String(c?.first_name ?? 'User') }) }
  // Users are declared where a chat's key does not already describe them (a private chat's own user).
  const declared = Object.fromEntries(Object.entries(users).filter(([k]) => group || k !== chatKey))
  const file: Json = {
    name: options.name,
    ...(Object.keys(declared).length > 0 && { users: declared }),
    chats: { [chatKey]: chatDef },
    steps,
  }
  const doc = new Document(file)
  if (options.comment) doc.commentBefore = ` ${options.comment}`
  // One line per step and per chat: `- send: { chat: ada, text: /start }`, as docs/scenarios.md writes them.
  const flow = (node: unknown) => {
    if (isMap(node) || isSeq(node)) node.flow = true
  }
  for (const item of (doc.get('steps') as { items: YAMLMap[] }).items) flow(item.items[0]?.value)
  for (const section of ['chats', 'users']) {
    const m = doc.get(section) as YAMLMap | undefined
    for (const pair of m?.items ?? []) flow(pair.value)
  }
  return { yaml: doc.toString({ lineWidth: 0, flowCollectionPadding: true }), steps: steps.length }
}
