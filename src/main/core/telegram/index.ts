/** Telegram: the Bot API client and the connect flow (token, public URL, setWebhook, checks). */
export { createBotApiClient, BOT_TOKEN } from './bot-api-client'
export type { BotApiClient, SetWebhookParams } from './bot-api-client'
export { createConnectFlow, webhookUrl, PUBLIC_BOT_API } from './connect-flow'
export type { ConnectFlow } from './connect-flow'
export { webhookHint } from './hints'
