/** Telegram: the Bot API client and the connect flow (token, public URL, setWebhook, checks). */
export type { BotApiClient, SetWebhookParams } from './bot-api-client'
export { createConnectFlow, PUBLIC_BOT_API } from './connect-flow'
export type { ConnectFlow } from './connect-flow'
