import { z } from 'zod'

/** Chat kinds the simulator can create (Telegram's Chat.type). */
export const SimChatType = z.enum(['private', 'group', 'supergroup', 'channel'])

/** A fake user: a group member, or one who joins. */
export const SimUserInput = z.object({
  id: z.number().int().min(1).max(9_999_999_999).optional(),
  firstName: z.string().min(1).max(64),
  lastName: z.string().max(64).optional(),
  username: z
    .string()
    .regex(/^[A-Za-z0-9_]{0,32}$/)
    .optional(),
})

export const SimChatInput = z.object({
  type: SimChatType.default('private'),
  /** The fake user who writes (private chats: also the chat's name). */
  firstName: z.string().min(1).max(64).default('Ada'),
  lastName: z.string().max(64).optional(),
  username: z
    .string()
    .regex(/^[A-Za-z0-9_]{0,32}$/)
    .optional(),
  /** Group/channel title. */
  title: z.string().max(128).optional(),
  /** The bot this chat talks to (created on first use); default: the connected bot. */
  botToken: z.string().optional(),
  /** The fake user's Telegram id (a private chat's id); default a fresh random one. Scenarios reuse a user across chats. */
  userId: z.number().int().min(1).max(9_999_999_999).optional(),
  /** Groups: more users besides the first (firstName/lastName/username above); each can write and press. */
  members: z.array(SimUserInput).max(50).optional(),
})

export const SimChat = z.object({
  id: z.number().int(),
  type: SimChatType,
  title: z.string(),
  botId: z.number().int(),
  botUsername: z.string(),
  user: z.object({
    id: z.number().int(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    username: z.string().nullable(),
  }),
  createdAt: z.string(),
  /** Groups: the members besides `user` who are in the chat now (joined, not left). */
  members: z.array(
    z.object({
      id: z.number().int(),
      firstName: z.string(),
      lastName: z.string().nullable(),
      username: z.string().nullable(),
    }),
  ),
  /** The bot's privacy mode (BotFather's /setprivacy): in groups it then gets commands, mentions and replies only. */
  botPrivacy: z.boolean(),
  /** Private chats: the user blocked the bot (my_chat_member kicked; sendMessage answers 403). */
  blocked: z.boolean().default(false),
  /** Groups: the bot's own membership (removed from a basic group `left`, from a supergroup `kicked`). */
  botStatus: z.enum(['member', 'left', 'kicked']).default('member'),
  /** BotFather's /setinlinefeedback: chosen_inline_result updates only when on. */
  botInlineFeedback: z.boolean().default(false),
})
export type SimChat = z.infer<typeof SimChat>

export const SimSendInput = z.object({
  id: z.coerce.number().int(),
  text: z.string().min(1).max(4096),
  /** Edit this earlier user message instead of sending a new one (an `edited_message` update). */
  editMessageId: z.number().int().optional(),
  replyToMessageId: z.number().int().optional(),
  /** Groups: the member who writes (their user id); default the chat's first user. */
  fromUserId: z.number().int().optional(),
})

export const SimPressInput = z.object({
  id: z.coerce.number().int(),
  /** The bot message carrying the inline keyboard. */
  messageId: z.number().int(),
  data: z.string().max(64),
  /** Groups: the member who presses; default the chat's first user. */
  fromUserId: z.number().int().optional(),
})

/** A user joins or leaves a group: a service message (new_chat_members / left_chat_member) and a chat_member update. */
export const SimMemberInput = z.object({
  id: z.coerce.number().int(),
  action: z.enum(['join', 'leave']),
  /** Join: the user (a new one when `id` is absent or unknown); leave: `{ id }` of a member is enough. */
  user: SimUserInput.partial({ firstName: true }),
})

/** An injected fault (docs/simulator.md, Faults): the next matching Bot API calls answer this instead. */
export const SimFaultInput = z
  .object({
    /** A Bot API method name as written (matched case-insensitively), or `*` for every method. */
    method: z.string().min(1).max(100),
    /** The bot it applies to; default every bot. */
    botId: z.number().int().optional(),
    /**
     * `error`: answer error_code + description; `drop`: close the connection unanswered; `delay`: answer late.
     * Presets with Telegram's words: `deactivated` (403 `Forbidden: user is deactivated`), `migrated` (400
     * `Bad Request: group chat was upgraded to a supergroup chat` with parameters.migrate_to_chat_id).
     */
    kind: z.enum(['error', 'drop', 'delay', 'deactivated', 'migrated']).default('error'),
    /** The `migrated` preset's supergroup id (`-100…`), answered as parameters.migrate_to_chat_id. */
    migrateToChatId: z.number().int().optional(),
    errorCode: z.number().int().min(400).max(599).optional(),
    /** Default: Telegram's text for the code (429 `Too Many Requests: retry after N`, 403 blocked by the user, …). */
    description: z.string().min(1).max(500).optional(),
    retryAfter: z.number().int().min(1).max(3600).optional(),
    delayMs: z.number().int().min(1).max(120_000).optional(),
    /** How many calls it applies to (default 1); or `forMs` for every call during that time. */
    times: z.number().int().min(1).max(100_000).optional(),
    forMs: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600_000)
      .optional(),
  })
  .refine((f) => f.kind !== 'error' || f.errorCode !== undefined, {
    message: 'an error fault needs errorCode',
    path: ['errorCode'],
  })
  .refine((f) => f.kind !== 'delay' || f.delayMs !== undefined, {
    message: 'a delay fault needs delayMs',
    path: ['delayMs'],
  })
  .refine((f) => f.kind !== 'migrated' || f.migrateToChatId !== undefined, {
    message: 'a migrated fault needs migrateToChatId (the supergroup id, -100…)',
    path: ['migrateToChatId'],
  })

export const SimFault = z.object({
  id: z.number().int(),
  botId: z.number().int().nullable(),
  method: z.string(),
  kind: z.enum(['error', 'drop', 'delay']),
  errorCode: z.number().int().nullable(),
  description: z.string().nullable(),
  retryAfter: z.number().int().nullable(),
  migrateToChatId: z.number().int().nullable(),
  delayMs: z.number().int().nullable(),
  /** Calls it still applies to (null: until `expiresAt`). */
  remaining: z.number().int().nullable(),
  expiresAt: z.string().nullable(),
  /** Calls it has answered so far. */
  hits: z.number().int(),
  createdAt: z.string(),
})
export type SimFault = z.infer<typeof SimFault>

/** Kinds of file a message can carry (the Message field and the send method's name). */
export const SimFileKind = z.enum(['photo', 'document', 'audio', 'video', 'voice', 'animation', 'sticker'])

/** A file in a transcript message: what the chat shows (an inline photo, a document's name and size). */
export const SimFileRef = z.object({
  kind: SimFileKind,
  fileId: z.string(),
  fileName: z.string().nullable(),
  mimeType: z.string().nullable(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
})
export type SimFileRef = z.infer<typeof SimFileRef>

/** The simulated user sends a photo or a file: the bot gets a message with photo/document it can getFile. */
export const SimSendFileInput = z.object({
  id: z.coerce.number().int(),
  kind: z.enum(['photo', 'document']),
  /** The file's name as the user's device names it (documents keep it as file_name). */
  fileName: z.string().min(1).max(255),
  /** Default: from the name's extension (photos: from the image header). */
  mimeType: z.string().max(255).optional(),
  /** The bytes, base64 (standard or url-safe alphabet); at most 50 MB decoded, photos 10 MB. */
  base64: z.string().min(1),
  caption: z.string().max(1024).optional(),
  replyToMessageId: z.number().int().optional(),
  /** Groups: the member who sends; default the chat's first user. */
  fromUserId: z.number().int().optional(),
})

/** A stored file with its bytes (base64), for the Simulator page to show or save. */
export const SimFileContent = SimFileRef.extend({ base64: z.string() })
export type SimFileContent = z.infer<typeof SimFileContent>

export const TranscriptItem = z.object({
  messageId: z.number().int(),
  from: z.enum(['user', 'bot']),
  /** As sent (with its parse_mode markup, for rendering). */
  text: z.string(),
  /** As the user reads it: markup parsed out (what scenario expectations compare). */
  plainText: z.string().optional(),
  /** ISO time. */
  date: z.string(),
  /** Bot messages: the parse mode they were sent with, for rendering. */
  parseMode: z.string().nullable(),
  edited: z.boolean(),
  /** The update this user message produced, and where it went (request/message ids once received). */
  updateId: z.number().int().nullable(),
  replyMarkup: z.unknown().nullable(),
  /** A message with a file (photo, document, …): `text` is then its caption (docs/simulator.md "Files"). */
  file: SimFileRef.nullable().optional(),
  /** A forwarded message: the name of whom it was forwarded from. */
  forwardedFrom: z.string().nullable().optional(),
  /** Sent via the bot's inline mode (Message.via_bot). */
  viaBot: z.boolean().optional(),
})
export type TranscriptItem = z.infer<typeof TranscriptItem>

/** The user blocks or unblocks the bot in a private chat (a my_chat_member update). */
export const SimBlockInput = z.object({
  id: z.coerce.number().int(),
  blocked: z.boolean(),
})

/** The fake user types `@bot query` in a chat's composer: an inline_query update. */
export const SimInlineQueryInput = z.object({
  id: z.coerce.number().int(),
  query: z.string().max(256),
  /** The next_offset of an earlier answer, to load more results. */
  offset: z.string().max(64).default(''),
  /** Groups: the member who types; default the chat's first user. */
  fromUserId: z.number().int().optional(),
  /** Wait this long (at most the inline query timeout) for the bot's answerInlineQuery; 0 answers at once. */
  waitMs: z.coerce.number().int().min(0).max(60_000).default(0),
})

/** An inline query and, once the bot answered it, its results (InlineQueryResult objects as the bot sent them). */
export const SimInlineQuery = z.object({
  id: z.string(),
  chatId: z.number().int(),
  query: z.string(),
  offset: z.string(),
  chatType: z.string(),
  /** Null when allowed_updates left inline_query out. */
  updateId: z.number().int().nullable(),
  createdAt: z.string(),
  /** `waiting` for answerInlineQuery, `answered`, or `expired` (no answer within the timeout). */
  state: z.enum(['waiting', 'answered', 'expired']),
  results: z.array(z.record(z.string(), z.unknown())),
  nextOffset: z.string().nullable(),
  cacheTime: z.number().int().nullable(),
  chosenResultId: z.string().nullable(),
})
export type SimInlineQuery = z.infer<typeof SimInlineQuery>

export const SimChooseInput = z.object({
  queryId: z.string().min(1).max(64),
  resultId: z.string().min(1).max(64),
})

/** What became of one update the simulator made for a bot (or did not make), and why, in one line with the fix. */
export const SimUpdateEntry = z.object({
  /** Null when no update was made (privacy mode, allowed_updates, a blocked bot, a bot not in the group). */
  updateId: z.number().int().nullable(),
  type: z.string(),
  chatId: z.number().int(),
  /** The transcript message it belongs to, if any. */
  messageId: z.number().int().nullable(),
  createdAt: z.string(),
  status: z.enum(['pending', 'delivered', 'late', 'not_sent']),
  reason: z
    .enum([
      'privacy',
      'allowed_updates',
      'blocked',
      'not_member',
      'webhook_failing',
      'not_polling',
      'conflict',
      'flood_wait',
    ])
    .nullable(),
  /** Why the bot did not get it (or got it late) and the fix; null when it arrived on time. */
  line: z.string().nullable(),
  deliveredAt: z.string().nullable(),
})
export type SimUpdateEntry = z.infer<typeof SimUpdateEntry>
/** One POST of an update to a simulated bot's webhook (docs/simulator.md "Webhook delivery"). */
export const SimWebhookAttempt = z.object({
  id: z.number().int(),
  botId: z.number().int(),
  updateId: z.number().int(),
  chatId: z.number().int(),
  /** 1 = the update's first delivery, 2 = its first retry … (the same update_id each time). */
  attempt: z.number().int(),
  /** ISO time the POST started. */
  startedAt: z.string(),
  durationMs: z.number().int(),
  /** The HTTP status the bot answered; null when no answer came (timeout, refused, reset). */
  status: z.number().int().nullable(),
  /** Telegram's words for the failure (what getWebhookInfo's last_error_message says); null when delivered. */
  error: z.string().nullable(),
  /** delivered (2xx), retry (sent again at `retryAt`), dropped (past the 24 h retention). */
  outcome: z.enum(['delivered', 'retry', 'dropped']),
  retryAt: z.string().nullable(),
})
export type SimWebhookAttempt = z.infer<typeof SimWebhookAttempt>

/** A simulated bot's webhook as getWebhookInfo reports it, plus its newest delivery attempts. */
export const SimWebhook = z.object({
  botId: z.number().int(),
  /** The webhook URL with any `user:pass@` masked; '' when the bot polls. */
  url: z.string(),
  pendingUpdateCount: z.number().int(),
  /** Unix seconds, as getWebhookInfo's last_error_date. */
  lastErrorDate: z.number().int().nullable(),
  lastErrorMessage: z.string().nullable(),
  maxConnections: z.number().int().nullable(),
  /** Newest first. */
  attempts: z.array(SimWebhookAttempt),
})
export type SimWebhook = z.infer<typeof SimWebhook>
