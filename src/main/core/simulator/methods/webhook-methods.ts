import { badRequest, conflict, tooManyRequests } from '../bot-api-error'
import type { ParamReader } from '../params'
import type { SimContext } from '../sim-context'
import { effectiveMaxConnections, type BotRow } from '../sim-repo'
import type { TgObject } from '../telegram-objects'
import { checkWebhookUrl } from '../webhook/webhook-url'
import { clamp, type BotMethod, type MethodAnswer } from './method-types'

const MAX_CERTIFICATE_BYTES = 3 * 1024 * 1024
const SECRET_TOKEN = /^[A-Za-z0-9_-]*$/

/** `allowed_updates`: a JSON array of type names; undefined when absent (= keep the previous setting). */
export function allowedUpdatesParam(p: ParamReader): string[] | undefined {
  if (!p.has('allowed_updates')) return undefined
  const value = p.json('allowed_updates', 'allowed_updates')
  if (value === undefined) return []
  if (!Array.isArray(value)) throw badRequest("can't parse allowed_updates JSON object")
  return value.filter((v): v is string => typeof v === 'string')
}

async function removeWebhook(ctx: SimContext, bot: BotRow, dropPending: boolean): Promise<MethodAnswer> {
  const had = bot.webhookUrl !== ''
  await ctx.write(() => {
    if (dropPending) ctx.repo.deleteAllUpdates(bot.id)
    if (had) {
      ctx.repo.setWebhook(bot.id, {
        url: '',
        secret: null,
        certificate: null,
        ipAddress: null,
        fixedIp: false,
        maxConnections: null,
      })
    }
  })
  ctx.delivery.reset(bot.id)
  return { result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' }
}

/** setWebhook (TELEGRAM.md §2): strict = cloud rules, relaxed = `--local`; `url=""` deletes. */
export const setWebhook: BotMethod = async ({ bot, p, ctx }) => {
  const url = (p.str('url') ?? '').trim()
  if (url) {
    // At most one setWebhook with a URL per second, checked before anything else.
    const at = ctx.now()
    const last = ctx.lastSetWebhookAt.get(bot.id)
    if (last !== undefined && at - last < 1000) throw tooManyRequests(1)
    ctx.lastSetWebhookAt.set(bot.id, at)
  }
  const secret = p.str('secret_token') ?? ''
  if (secret.length > 256) throw badRequest('secret token is too long')
  if (!SECRET_TOKEN.test(secret)) throw badRequest('secret token contains unallowed characters')
  const dropPending = p.bool('drop_pending_updates')
  const allowed = allowedUpdatesParam(p)
  if (!url) return removeWebhook(ctx, bot, dropPending)

  const cert = p.file('certificate')
  if (cert && cert.bytes.length > MAX_CERTIFICATE_BYTES) {
    throw badRequest(`certificate size is too big (${cert.bytes.length} bytes)`)
  }
  const strict = ctx.strict()
  // Kept as given (clamped); absent = the mode's default, which getWebhookInfo shows.
  const given = p.int('max_connections')
  const maxConnections = given === undefined ? null : clamp(given, 1, strict ? 100 : 100_000)
  const fixedIp = p.str('ip_address')?.trim() || undefined
  const checked = await checkWebhookUrl(url, { strict, ipAddress: fixedIp, resolve: ctx.resolveHost })
  // TELEGRAM-FACTS.md §6: drop_pending_updates=true counts as a change; allowed_updates alone does not (saved anyway).
  const unchanged =
    !dropPending &&
    bot.webhookUrl === checked.url &&
    (bot.webhookSecret ?? '') === secret &&
    !cert &&
    bot.webhookCertificate === null &&
    effectiveMaxConnections(bot.maxConnections, strict) === effectiveMaxConnections(maxConnections, strict) &&
    (bot.webhookFixedIp ? (bot.webhookIpAddress ?? undefined) : undefined) === fixedIp
  await ctx.write(() => {
    if (dropPending) ctx.repo.deleteAllUpdates(bot.id)
    if (allowed !== undefined) ctx.repo.setAllowedUpdates(bot.id, allowed)
    if (unchanged) return
    ctx.repo.setWebhook(bot.id, {
      url: checked.url,
      secret: secret || null,
      certificate: cert ? cert.bytes.toString('utf8') : null,
      ipAddress: checked.ipAddress,
      fixedIp: fixedIp !== undefined,
      maxConnections,
    })
  })
  if (unchanged) return { result: true, description: 'Webhook is already set' }
  ctx.longPoll.terminate(bot.id, conflict('terminated by setWebhook request'))
  ctx.delivery.reset(bot.id)
  ctx.log.info({ botId: bot.id, strict }, 'simulator webhook set')
  return { result: true, description: 'Webhook was set' }
}

export const deleteWebhook: BotMethod = ({ bot, p, ctx }) =>
  removeWebhook(ctx, bot, p.bool('drop_pending_updates'))

/** getWebhookInfo (TELEGRAM.md §3): optional fields only when they apply, in the server's order. */
export const getWebhookInfo: BotMethod = async ({ bot, ctx }) => {
  const hasUrl = bot.webhookUrl !== ''
  const info: TgObject = {
    url: bot.webhookUrl,
    has_custom_certificate: bot.webhookCertificate !== null,
    pending_update_count: ctx.repo.pendingCount(bot.id),
  }
  if (hasUrl && bot.lastErrorDate !== null) {
    info.last_error_date = bot.lastErrorDate
    info.last_error_message = bot.lastErrorMessage ?? ''
  }
  if (hasUrl) {
    info.max_connections = effectiveMaxConnections(bot.maxConnections, ctx.strict())
    info.ip_address = bot.webhookIpAddress ?? '<unknown>'
  }
  if (bot.allowedUpdates && bot.allowedUpdates.length > 0) info.allowed_updates = bot.allowedUpdates
  return { result: info }
}
