import { addTag, flattenJson, toTagName, type FlattenContext } from './flatten'
import { checkJsonBytes, JsonNumber, parseJsonText, type JsonScan } from './json-text'
import type { ConvertError, WebhookRequest } from './types'

const utf8 = new TextDecoder('utf-8')
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Adds the payload's tags to `tags` (ATSD-BEHAVIOUR §1, §2.2–§2.4). `application/json` and any `…/…+json`
 * are flattened; `application/x-www-form-urlencoded` fields become tags like query parameters; any other
 * body is stored raw by the receiver and the command comes from the query only (with a warning). A GET or
 * HEAD body is ignored: those methods carry no payload (§1).
 */
export function convertBody(
  req: WebhookRequest,
  ctx: FlattenContext,
  tags: Map<string, string>,
): ConvertError | undefined {
  if (req.body === undefined || req.body.length === 0) return undefined
  const method = req.method.toUpperCase()
  if (method === 'GET' || method === 'HEAD') {
    ctx.warnings.push(`${method} body ignored: ${method} carries no payload, converted from the query only`)
    return undefined
  }
  const { mediaType, charset } = parseContentType(req.contentType)
  const isJson = mediaType === 'application/json' || /^[^/\s]+\/[^/\s]+\+json$/.test(mediaType)
  const isForm = mediaType === 'application/x-www-form-urlencoded'
  if (!isJson && !isForm) {
    ctx.warnings.push(`content type ${mediaType || '(none)'} stored raw, converted from the query only`)
    return undefined
  }
  if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) {
    ctx.warnings.push(`charset ${charset} ignored: the body was decoded as UTF-8`)
  }
  if (!isJson) return convertFormBody(decodeUtf8(req.body, ctx.warnings), ctx, tags)
  const { maxDepth, maxJsonValues = Infinity } = ctx.budget.limits
  const checked = checkJsonBytes(req.body, maxDepth, maxJsonValues)
  if (!checked.ok) return checked.error
  return convertJsonBody(decodeUtf8(req.body, ctx.warnings), checked.scan, ctx, tags)
}

function convertJsonBody(
  text: string,
  scan: JsonScan,
  ctx: FlattenContext,
  tags: Map<string, string>,
): ConvertError | undefined {
  const parsed = parseJsonText(text, ctx.budget.limits.maxDepth, ctx.budget.limits.maxJsonValues, scan)
  if (!parsed.ok) return parsed.error
  const root = parsed.value
  // Hookbench's choice: a bare scalar body has no name to become a tag, so it produces none (and says so).
  if (root === null || typeof root !== 'object' || root instanceof JsonNumber) {
    ctx.warnings.push('the JSON body is a single value, not an object or array: it produces no tags')
    return undefined
  }
  return flattenJson(ctx, tags, root, '')
}

// ATSD-BEHAVIOUR §2.2: form fields are treated like query parameters (values kept as given); a field named by
// json.parse is flattened under its name instead (§2.4).
function convertFormBody(
  text: string,
  ctx: FlattenContext,
  tags: Map<string, string>,
): ConvertError | undefined {
  const limits = ctx.budget.limits
  for (const [rawName, value] of new URLSearchParams(text)) {
    const { name, clipped } = toTagName(rawName, limits)
    const error = ctx.jsonParse.names.has(name)
      ? flattenJson(ctx, tags, value, name, { clipped, keepText: true })
      : addTag(ctx, tags, name, value, clipped)
    if (error) return error
  }
  return undefined
}

function parseContentType(contentType: string | undefined): {
  mediaType: string
  charset: string | undefined
} {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';')
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"(.*)"$/, '$1')
  return { mediaType: mediaType.trim().toLowerCase(), charset }
}

// Invalid UTF-8 never throws: bad bytes become U+FFFD, and a warning says so.
function decodeUtf8(bytes: Uint8Array, warnings: string[]): string {
  const text = utf8.decode(bytes)
  if (text.includes('\uFFFD')) {
    try {
      strictUtf8.decode(bytes)
    } catch {
      warnings.push('the body is not valid UTF-8: invalid bytes were replaced with U+FFFD')
    }
  }
  return text
}
