import type { SimWebhook } from '@shared/simulator'
import { AppError } from '@shared/errors'
import { maskSecrets } from '../../log'
import type { SimContext } from '../sim-context'
import { effectiveMaxConnections } from '../sim-repo'

/**
 * A simulated bot's webhook as getWebhookInfo reports it (the same repository reads, so the two cannot
 * disagree) and its newest delivery attempts; not_found for a bot the simulator does not have.
 */
export function webhookView(
  ctx: SimContext,
  input: { id: number; limit: number; updateId?: number | undefined },
): SimWebhook {
  const bot = ctx.repo.bot(input.id)
  if (!bot) {
    throw new AppError('not_found', `The simulator has no bot ${input.id}`, { where: [{ path: ['id'] }] })
  }
  const hasUrl = bot.webhookUrl !== ''
  return {
    botId: bot.id,
    url: maskSecrets(bot.webhookUrl),
    pendingUpdateCount: ctx.repo.pendingCount(bot.id),
    lastErrorDate: hasUrl ? bot.lastErrorDate : null,
    lastErrorMessage: hasUrl ? bot.lastErrorMessage : null,
    maxConnections: hasUrl ? effectiveMaxConnections(bot.maxConnections, ctx.strict()) : null,
    attempts: ctx.attempts.list(bot.id, input.limit, input.updateId),
  }
}
