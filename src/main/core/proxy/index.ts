export { createBotApiProxy, type BotApiProxy } from './proxy-plugin'
export { botIdOf } from './describe-call'
