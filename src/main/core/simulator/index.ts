/**
 * The built-in Telegram simulator: a fake Bot API at `/sim/bot<TOKEN>/<method>` that behaves like Telegram
 * (or a local Bot API server in relaxed mode), plus fake users and chats. Implementation in progress.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { z } from 'zod'
import type { SimChat, SimChatInput, SimPressInput, SimSendInput, TranscriptItem } from '@shared/simulator'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { Store } from '../store'

export interface SimulatorDeps {
  store: Store
  bus: EventBus
  log: Logger
  now: () => number
  /** Strict (cloud rules) or relaxed (local Bot API server) — the `simulatorStrict` setting. */
  strict: () => boolean
  /** The connected bot's token: chats created without `botToken` talk to it. */
  connectedBotToken: () => string | undefined
}

export interface Simulator {
  /** Fastify plugin mounted at `/sim`. */
  plugin: FastifyPluginAsync
  createChat(input: z.output<typeof SimChatInput>): Promise<SimChat>
  listChats(): Promise<SimChat[]>
  sendMessage(input: z.output<typeof SimSendInput>): Promise<{ updateId: number; messageId: number }>
  pressButton(input: z.output<typeof SimPressInput>): Promise<{ updateId: number }>
  transcript(chatId: number): Promise<TranscriptItem[]>
  close(): Promise<void>
}

export { createSimulator } from './create-simulator'
