import { createHash, randomInt } from 'node:crypto'
import type { z } from 'zod'
import { AppError } from '@shared/errors'
import type {
  SimChat,
  SimChatInput,
  SimMemberInput,
  SimPressInput,
  SimSendFileInput,
  SimSendInput,
  SimUpdateEntry,
  TranscriptItem,
} from '@shared/simulator'
import { iso } from '../store/rows'
import { detectEntities } from './format/detect-entities'
import { transcriptItemOf, type SimContext } from './sim-context'
import type { BotRow, ChatRow, ChatType, MemberRow, MessageRow } from './sim-repo'
import { botUser, chatOf, memberUser, messageOf, userOf, type TgObject } from './telegram-objects'
import type { WhyNotReason } from './sim-log-repo'
import { reachesBot } from './privacy'
import { fileContent, storeUserFile } from './control-files'
import { mediaOf } from './files/media'
import { createInlineControl } from './inline'

const DEFAULT_TITLES: Record<ChatType, string | null> = {
  private: null,
  group: 'Test group',
  supergroup: 'Test supergroup',
  channel: 'Test channel',
}

/** The service message of someone joining or leaving a group (`by` adds or removes `who`; the same for oneself). */
function joinLeaveMessage(
  chatId: number,
  messageId: number,
  by: TgObject,
  who: TgObject,
  joined: boolean,
  text: string,
  date: number,
): MessageRow {
  return {
    chatId,
    messageId,
    fromBot: false,
    fromUser: by,
    text,
    sourceText: null,
    parseMode: null,
    entities: [],
    replyMarkup: null,
    replyTo: null,
    date,
    editDate: null,
    updateId: null,
    service: joined ? { new_chat_members: [who] } : { left_chat_member: who },
  }
}

/** Realistic fresh ids (TELEGRAM.md §5): users 9–10 digits, groups negative, supergroups/channels -100…. */
const ID_MAKERS: Record<ChatType | 'user', () => number> = {
  user: () => randomInt(100_000_000, 8_000_000_000),
  private: () => 0,
  // New basic groups are -4…… (10 digits): never mistaken for a -100… supergroup (a -1001234567 group did,
  // one time in ~500).
  group: () => -randomInt(4_000_000_000, 5_000_000_000),
  supergroup: () => -(1_000_000_000_000 + randomInt(1_000_000_000, 9_999_999_999)),
  channel: () => -(1_000_000_000_000 + randomInt(1_000_000_000, 9_999_999_999)),
}

const fullName = (c: ChatRow) => [c.userFirstName, c.userLastName].filter(Boolean).join(' ')

/** `chat_instance`: stable per bot and chat, a signed 64-bit number like Telegram's. */
const chatInstanceOf = (botId: number, chatId: number) =>
  createHash('sha256').update(`${botId}:${chatId}`).digest().readBigInt64BE(0).toString()

const callbackIdOf = () => `${randomInt(1, 2 ** 47)}${String(randomInt(0, 10_000)).padStart(4, '0')}`

/** Callback queries remembered for answerCallbackQuery; the oldest are forgotten past this many. */
const MAX_OPEN_CALLBACKS = 10_000

/** The control API side: fake users write, edit and press buttons; the transcript reads back. */
export function createControl(ctx: SimContext, connectedBotToken: () => string | undefined) {
  const { repo } = ctx

  const simChatOf = (chat: ChatRow, bot: BotRow): SimChat => ({
    id: chat.id,
    type: chat.type,
    title: chat.title ?? fullName(chat),
    botId: bot.id,
    botUsername: bot.username,
    user: {
      id: chat.userId,
      firstName: chat.userFirstName,
      lastName: chat.userLastName,
      username: chat.userUsername,
    },
    createdAt: iso(chat.createdAt),
    members: repo
      .members(chat.id)
      .filter((m) => m.status === 'member')
      .map((m) => ({ id: m.userId, firstName: m.firstName, lastName: m.lastName, username: m.username })),
    botPrivacy: bot.privacy,
    blocked: chat.blocked,
    botStatus: chat.botStatus,
    botInlineFeedback: bot.inlineFeedback,
  })

  function chatOr404(id: number): { chat: ChatRow; bot: BotRow } {
    const chat = repo.chat(id)
    const bot = chat && repo.bot(chat.botId)
    if (!chat || !bot) throw new AppError('not_found', `No simulator chat ${id}; create one first`)
    return { chat, bot }
  }

  function messageOr404(chat: ChatRow, messageId: number, field: string): MessageRow {
    const m = repo.message(chat.id, messageId)
    if (!m) {
      throw new AppError('not_found', `Chat ${chat.id} has no message ${messageId}`, {
        where: [{ path: [field] }],
      })
    }
    return m
  }

  const repliedOf = (m: MessageRow) => (m.replyTo === null ? null : repo.message(m.chatId, m.replyTo))

  async function botFor(token: string | undefined): Promise<BotRow> {
    if (!token) throw new AppError('invalid_input', 'No bot: connect a bot first or pass botToken')
    const bot = await ctx.createBotForToken(token)
    if (bot === 'malformed') {
      throw new AppError(
        'invalid_input',
        'botToken is not a bot token: expected <bot id>:<secret> as @BotFather gives it',
        {
          where: [{ path: ['botToken'] }],
        },
      )
    }
    if (bot === 'mismatch') {
      throw new AppError(
        'conflict',
        'The simulator knows this bot id with another token: use the token it first saw',
        {
          where: [{ path: ['botToken'] }],
        },
      )
    }
    return bot
  }

  /** Who writes or presses: the chat's first user, or a group member who has not left. */
  function senderOf(chat: ChatRow, fromUserId: number | undefined): TgObject | null {
    if (fromUserId === undefined || fromUserId === chat.userId) return null
    const member = repo.member(chat.id, fromUserId)
    if (!member || member.status !== 'member') {
      throw new AppError('invalid_input', `User ${fromUserId} is not a member of chat ${chat.id}`, {
        where: [{ path: ['fromUserId'] }],
      })
    }
    return memberUser(member)
  }

  /** Stores a user message (new or edited) with the update it makes, then wakes delivery and the UI. */
  async function userMessage(chat: ChatRow, bot: BotRow, row: MessageRow, edited: boolean) {
    const type = chat.type === 'channel' ? 'channel_post' : 'message'
    const field = edited ? `edited_${type}` : type
    const saved = await ctx.write(() => {
      const withId = { ...row, messageId: row.messageId || repo.nextMessageId(chat.id) }
      const replied = repliedOf(withId)
      // A blocked bot, a bot not in the group, privacy mode: the message stays in the transcript but makes
      // no update for the bot, and the update log says why (why-not.ts).
      const skipped: WhyNotReason | null = chat.blocked
        ? 'blocked'
        : chat.botStatus !== 'member'
          ? 'not_member'
          : reachesBot(bot, chat, withId, replied)
            ? null
            : 'privacy'
      if (skipped) ctx.skipUpdate(bot.id, field, chat.id, withId.messageId, skipped)
      const updateId = skipped
        ? null
        : ctx.addUpdate(
            bot.id,
            field,
            chat.id,
            { [field]: messageOf(withId, chat, bot, replied) },
            withId.messageId,
          )
      const stored = { ...withId, updateId: updateId ?? row.updateId }
      repo.saveMessage(stored)
      // An edit rewrites the row: a message sent via the bot stays so.
      if (stored.viaBot) repo.setViaBot(chat.id, stored.messageId)
      return { stored, updateId }
    })
    ctx.updatesAdded(bot.id)
    ctx.emitItem(saved.stored)
    return { updateId: saved.updateId ?? 0, messageId: saved.stored.messageId }
  }

  /**
   * The chat's first user adds the bot to the group or removes it: a my_chat_member update (left → member;
   * member → left in a basic group, kicked with until_date 0 in a supergroup, where removing bans) and the
   * new_chat_members / left_chat_member service message, as Telegram sends both to the bot.
   */
  async function botMembership(chat: ChatRow, bot: BotRow, action: 'join' | 'leave') {
    const joined = action === 'join'
    if (joined === (chat.botStatus === 'member')) {
      throw new AppError(
        joined ? 'conflict' : 'invalid_input',
        joined
          ? `The bot is already a member of chat ${chat.id}`
          : `The bot is not a member of chat ${chat.id}`,
        { where: [{ path: ['user', 'id'] }] },
      )
    }
    const removed = chat.type === 'supergroup' ? 'kicked' : 'left'
    const done = await ctx.write(() => {
      repo.setBotStatus(chat.id, joined ? 'member' : removed)
      const user = botUser(bot)
      const by = userOf(chat)
      const statusOf = (s: string) =>
        s === 'kicked' ? { user, status: s, until_date: 0 } : { user, status: s }
      const row = joinLeaveMessage(
        chat.id,
        repo.nextMessageId(chat.id),
        by,
        user,
        joined,
        joined
          ? `${chat.userFirstName} added @${bot.username}`
          : `${chat.userFirstName} removed @${bot.username}`,
        ctx.now(),
      )
      const updateId = ctx.addUpdate(
        bot.id,
        'my_chat_member',
        chat.id,
        {
          my_chat_member: {
            chat: chatOf(chat),
            from: by,
            date: Math.floor(ctx.now() / 1000),
            old_chat_member: statusOf(joined ? chat.botStatus : 'member'),
            new_chat_member: statusOf(joined ? 'member' : removed),
          },
        },
        row.messageId,
      )
      const messageUpdate = ctx.addUpdate(
        bot.id,
        'message',
        chat.id,
        { message: messageOf(row, chat, bot) },
        row.messageId,
      )
      const stored = { ...row, updateId: messageUpdate }
      repo.saveMessage(stored)
      return { stored, updateId: updateId ?? 0 }
    })
    ctx.updatesAdded(bot.id)
    ctx.emitItem(done.stored)
    return { userId: bot.id, updateId: done.updateId }
  }

  const inline = createInlineControl(ctx, { chatOr404, senderOf, userOf })

  return {
    ...inline,

    /** "Why didn't my bot get this?": a chat's updates, newest `limit`, with what became of each and why. */
    async listUpdates(chatId: number, limit = 200): Promise<SimUpdateEntry[]> {
      const { bot } = chatOr404(chatId)
      return ctx.logs.chatLog(chatId, limit).map((row) => {
        const view = ctx.whyNot.view(row, repo.bot(row.botId) ?? bot)
        return {
          updateId: row.updateId,
          type: row.type,
          chatId: row.chatId,
          messageId: row.messageId,
          createdAt: iso(row.createdAt),
          status: view.status,
          reason: view.reason,
          line: view.line,
          deliveredAt: row.deliveredAt === null ? null : iso(row.deliveredAt),
        }
      })
    },

    /** The bot of `token`, created if new (AppErrors for a malformed or mismatched token). */
    createBot: botFor,

    /** BotFather's /setprivacy for a simulated bot: on, it sees only what privacy mode lets through. */
    async setBotPrivacy(input: {
      id: number
      privacy?: boolean
      inlineFeedback?: boolean
    }): Promise<{ id: number; privacy: boolean; inlineFeedback: boolean }> {
      const bot = await ctx.write(() => {
        if (!repo.bot(input.id)) return null
        if (input.privacy !== undefined) repo.setPrivacy(input.id, input.privacy)
        // BotFather's /setinlinefeedback (why chosen_inline_result arrives, or not).
        if (input.inlineFeedback !== undefined) repo.setInlineFeedback(input.id, input.inlineFeedback)
        return repo.bot(input.id)
      })
      if (!bot) {
        throw new AppError('not_found', `The simulator has no bot ${input.id}`, { where: [{ path: ['id'] }] })
      }
      return { id: bot.id, privacy: bot.privacy, inlineFeedback: bot.inlineFeedback }
    },

    async createChat(input: z.output<typeof SimChatInput>): Promise<SimChat> {
      const bot = await botFor(input.botToken ?? connectedBotToken())
      const chat = await ctx.write(() => {
        const fresh = (make: () => number) => {
          for (;;) {
            const id = make()
            if (!repo.idTaken(id)) return id
          }
        }
        const userId = input.userId ?? fresh(ID_MAKERS.user)
        const id = input.type === 'private' ? userId : fresh(ID_MAKERS[input.type])
        if (repo.chatIdTaken(id))
          throw new AppError('conflict', `The simulator already has a chat ${id}: pick another userId`, {
            where: [{ path: ['userId'] }],
          })
        const row = {
          id,
          botId: bot.id,
          type: input.type,
          title: input.type === 'private' ? null : input.title || DEFAULT_TITLES[input.type],
          username: input.type === 'channel' ? input.username || null : null,
          userId,
          userFirstName: input.firstName,
          userLastName: input.lastName || null,
          userUsername: input.username || null,
          createdAt: ctx.now(),
        }
        repo.insertChat(row)
        if (input.type !== 'private') {
          for (const m of input.members ?? []) {
            const memberId = m.id ?? fresh(ID_MAKERS.user)
            if (memberId === userId) continue
            repo.saveMember({
              chatId: id,
              userId: memberId,
              firstName: m.firstName,
              lastName: m.lastName || null,
              username: m.username || null,
              status: 'member',
            })
          }
        }
        return { ...row, blocked: false, botStatus: 'member' as const }
      })
      return simChatOf(chat, bot)
    },

    async listChats(): Promise<SimChat[]> {
      return repo.chats().flatMap((chat) => {
        const bot = repo.bot(chat.botId)
        return bot ? [simChatOf(chat, bot)] : []
      })
    },

    async sendMessage(input: z.output<typeof SimSendInput>) {
      const { chat, bot } = chatOr404(input.id)
      const entities = detectEntities(input.text)
      if (input.editMessageId !== undefined) {
        const m = messageOr404(chat, input.editMessageId, 'editMessageId')
        if (m.fromBot) {
          throw new AppError(
            'invalid_input',
            `Message ${m.messageId} is the bot's: a user can edit only their own`,
            {
              where: [{ path: ['editMessageId'] }],
            },
          )
        }
        return userMessage(chat, bot, { ...m, text: input.text, entities, editDate: ctx.now() }, true)
      }
      const replyTo =
        input.replyToMessageId === undefined
          ? null
          : messageOr404(chat, input.replyToMessageId, 'replyToMessageId').messageId
      const fromUser = senderOf(chat, input.fromUserId)
      const row: MessageRow = {
        chatId: chat.id,
        messageId: 0,
        fromBot: false,
        fromUser,
        text: input.text,
        sourceText: null,
        parseMode: null,
        entities,
        replyMarkup: null,
        replyTo,
        date: ctx.now(),
        editDate: null,
        updateId: null,
      }
      return userMessage(chat, bot, row, false)
    },

    /** The user sends a photo or a file: a message with photo/document (and caption) the bot can getFile. */
    async sendFile(input: z.output<typeof SimSendFileInput>) {
      const { chat, bot } = chatOr404(input.id)
      const replyTo =
        input.replyToMessageId === undefined
          ? null
          : messageOr404(chat, input.replyToMessageId, 'replyToMessageId').messageId
      const fromUser = senderOf(chat, input.fromUserId)
      const file = await storeUserFile(ctx, bot, chat, input)
      const caption = input.caption?.trim() ?? ''
      const sent = await userMessage(
        chat,
        bot,
        {
          chatId: chat.id,
          messageId: 0,
          fromBot: false,
          fromUser,
          text: caption,
          sourceText: null,
          parseMode: null,
          entities: caption ? detectEntities(caption) : [],
          replyMarkup: null,
          replyTo,
          date: ctx.now(),
          editDate: null,
          updateId: null,
          media: mediaOf(input.kind, file),
        },
        false,
      )
      return { ...sent, fileId: file.fileId }
    },

    file: (fileId: string) => fileContent(ctx, fileId),

    async pressButton(input: z.output<typeof SimPressInput>): Promise<{ updateId: number }> {
      const { chat, bot } = chatOr404(input.id)
      const from = senderOf(chat, input.fromUserId) ?? userOf(chat)
      const m = messageOr404(chat, input.messageId, 'messageId')
      const keyboard = (m.replyMarkup as { inline_keyboard?: unknown } | null)?.inline_keyboard
      const buttons =
        m.fromBot && Array.isArray(keyboard) ? (keyboard.flat() as { callback_data?: unknown }[]) : []
      if (!buttons.some((b) => b?.callback_data === input.data)) {
        throw new AppError(
          'invalid_input',
          `Message ${m.messageId} has no button with callback data "${input.data}"`,
          {
            where: [{ path: ['data'] }],
          },
        )
      }
      const id = callbackIdOf()
      const updateId = await ctx.write(() =>
        ctx.addUpdate(
          bot.id,
          'callback_query',
          chat.id,
          {
            callback_query: {
              id,
              from,
              message: messageOf(m, chat, bot, repliedOf(m)),
              chat_instance: chatInstanceOf(bot.id, chat.id),
              data: input.data,
            },
          },
          m.messageId,
        ),
      )
      ctx.callbacks.set(id, bot.id)
      if (ctx.callbacks.size > MAX_OPEN_CALLBACKS) ctx.callbacks.delete(ctx.callbacks.keys().next().value!)
      ctx.updatesAdded(bot.id)
      return { updateId: updateId ?? 0 }
    },

    async transcript(chatId: number): Promise<TranscriptItem[]> {
      const { chat } = chatOr404(chatId)
      return repo.messages(chat.id).map(transcriptItemOf)
    },

    /**
     * A user joins or leaves a group: a service message (new_chat_members / left_chat_member, as Telegram sends
     * it to every bot in the group) and a chat_member update (delivered only when allowed_updates asks for it).
     */
    async changeMember(
      input: z.output<typeof SimMemberInput>,
    ): Promise<{ userId: number; updateId: number }> {
      const { chat, bot } = chatOr404(input.id)
      if (chat.type === 'private' || chat.type === 'channel')
        throw new AppError('invalid_input', `Chat ${chat.id} is a ${chat.type} chat: members join groups`)
      if (input.user.id === bot.id) return botMembership(chat, bot, input.action)
      const known = input.user.id === undefined ? null : repo.member(chat.id, input.user.id)
      const isFirst = input.user.id === chat.userId
      if (input.action === 'leave' && !isFirst && known?.status !== 'member')
        throw new AppError(
          'invalid_input',
          `User ${input.user.id ?? '?'} is not a member of chat ${chat.id}`,
          {
            where: [{ path: ['user', 'id'] }],
          },
        )
      if (input.action === 'join' && (isFirst || known?.status === 'member'))
        throw new AppError('conflict', `User ${input.user.id} is already a member of chat ${chat.id}`, {
          where: [{ path: ['user', 'id'] }],
        })
      if (input.action === 'join' && !known && !input.user.firstName)
        throw new AppError('invalid_input', 'A new member needs a firstName', {
          where: [{ path: ['user', 'firstName'] }],
        })
      const done = await ctx.write(() => {
        let userId = input.user.id
        if (userId === undefined) {
          do userId = ID_MAKERS.user()
          while (repo.idTaken(userId))
        }
        const member: MemberRow = isFirst
          ? {
              chatId: chat.id,
              userId,
              firstName: chat.userFirstName,
              lastName: chat.userLastName,
              username: chat.userUsername,
              status: 'left',
            }
          : {
              chatId: chat.id,
              userId,
              firstName: input.user.firstName ?? known?.firstName ?? 'User',
              lastName: input.user.lastName ?? known?.lastName ?? null,
              username: input.user.username ?? known?.username ?? null,
              status: input.action === 'join' ? 'member' : 'left',
            }
        if (!isFirst) repo.saveMember(member)
        const user = memberUser(member)
        const joined = input.action === 'join'
        const name = [member.firstName, member.lastName].filter(Boolean).join(' ')
        const row = joinLeaveMessage(
          chat.id,
          repo.nextMessageId(chat.id),
          user,
          user,
          joined,
          joined ? `${name} joined the group` : `${name} left the group`,
          ctx.now(),
        )
        const updateId =
          chat.botStatus === 'member'
            ? ctx.addUpdate(bot.id, 'message', chat.id, { message: messageOf(row, chat, bot) }, row.messageId)
            : (ctx.skipUpdate(bot.id, 'message', chat.id, row.messageId, 'not_member'), null)
        const date = Math.floor(ctx.now() / 1000)
        ctx.addUpdate(
          bot.id,
          'chat_member',
          chat.id,
          {
            chat_member: {
              chat: chatOf(chat),
              from: user,
              date,
              old_chat_member: { user, status: joined ? 'left' : 'member' },
              new_chat_member: { user, status: joined ? 'member' : 'left' },
            },
          },
          row.messageId,
        )
        const stored = { ...row, updateId }
        repo.saveMessage(stored)
        return { stored, userId, updateId: updateId ?? 0 }
      })
      ctx.updatesAdded(bot.id)
      ctx.emitItem(done.stored)
      return { userId: done.userId, updateId: done.updateId }
    },

    /**
     * The user blocks (or unblocks) the bot in a private chat: a my_chat_member update (member → kicked, or
     * back), persisted; while blocked, sendMessage to them answers 403 and their messages do not reach the bot.
     */
    async blockChat(chatId: number, blocked: boolean): Promise<{ blocked: boolean; updateId: number }> {
      const { chat, bot } = chatOr404(chatId)
      if (chat.type !== 'private')
        throw new AppError(
          'invalid_input',
          `Chat ${chat.id} is a ${chat.type} chat: only a private chat's user blocks the bot`,
        )
      if (chat.blocked === blocked) return { blocked, updateId: 0 }
      const updateId = await ctx.write(() => {
        repo.setBlocked(chat.id, blocked)
        const member = { user: botUser(bot), status: 'member' }
        const kicked = { user: botUser(bot), status: 'kicked', until_date: 0 }
        return ctx.addUpdate(bot.id, 'my_chat_member', chat.id, {
          my_chat_member: {
            chat: chatOf(chat),
            from: userOf(chat),
            date: Math.floor(ctx.now() / 1000),
            old_chat_member: blocked ? member : kicked,
            new_chat_member: blocked ? kicked : member,
          },
        })
      })
      ctx.updatesAdded(bot.id)
      return { blocked, updateId: updateId ?? 0 }
    },
  }
}
