import { formatJsonNumber, JsonNumber, parseJsonText, tooDeepError, type JsonValue } from './json-text'
import { clipName, normaliseTagName, unquote } from './tag-names'
import type { ConvertError, ConvertLimits } from './types'

/** Counts tags and truncated names across one request, against {@link ConvertLimits}. */
interface TagBudget {
  readonly limits: ConvertLimits
  used: number
  clipped: number
}

/** `json.parse=NAME` requests (normalised names) and which of them met a text field. */
interface JsonParseRequests {
  readonly names: ReadonlySet<string>
  readonly found: Set<string>
}

/** What a flatten pass needs besides its input. */
export interface FlattenContext {
  readonly budget: TagBudget
  readonly jsonParse: JsonParseRequests
  readonly warnings: string[]
}

interface Frame {
  value: JsonValue
  name: string
  /** How many objects/arrays enclose the value. */
  depth: number
  clipped: boolean
  /** A form field: when json.parse fails, the text is kept as given rather than unquoted. */
  keepText?: boolean
}

/** A normalised, length-limited tag name for a top-level field (query parameter, form field, header tag). */
export function toTagName(raw: string, limits: ConvertLimits): { name: string; clipped: boolean } {
  const normalised = normaliseTagName(raw)
  const name = clipName(normalised, limits.maxNameLength)
  return { name, clipped: name !== normalised }
}

/**
 * Stores one tag. ATSD-BEHAVIOUR §2.3: an empty value produces no tag; an empty name cannot be a tag either.
 * Counts every tag offered (before filters), so that the work per request stays bounded.
 */
export function addTag(
  ctx: FlattenContext,
  tags: Map<string, string>,
  name: string,
  value: string,
  clipped: boolean,
): ConvertError | undefined {
  if (name === '' || value === '') return undefined
  ctx.budget.used += 1
  if (ctx.budget.used > ctx.budget.limits.maxTags) {
    return {
      code: 'too_complex',
      message: `The request produces more than ${ctx.budget.limits.maxTags} tags; send fewer fields or use exclude.`,
    }
  }
  if (clipped) ctx.budget.clipped += 1
  tags.set(name, value)
  return undefined
}

/**
 * Flattens a JSON value into `tags` under `prefix` (ATSD-BEHAVIOUR §2.3): `parent.child`, `name[i]`,
 * `name[i][j]`; a top-level array gives `[0]`, `[0].a` (Hookbench's choice: the path rule with an empty
 * prefix). Iterative, so depth never costs stack.
 */
export function flattenJson(
  ctx: FlattenContext,
  tags: Map<string, string>,
  root: JsonValue,
  prefix: string,
  start: { clipped?: boolean; keepText?: boolean } = {},
): ConvertError | undefined {
  const stack: Frame[] = [
    { value: root, name: prefix, depth: 0, clipped: start.clipped ?? false, keepText: start.keepText },
  ]
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const error = visit(ctx, tags, frame, stack)
    if (error) return error
  }
  return undefined
}

function visit(
  ctx: FlattenContext,
  tags: Map<string, string>,
  frame: Frame,
  stack: Frame[],
): ConvertError | undefined {
  const { value, name, depth, clipped } = frame
  if (value === null) return undefined
  if (value instanceof JsonNumber) return addTag(ctx, tags, name, formatJsonNumber(value.source), clipped)
  if (typeof value === 'number') return addTag(ctx, tags, name, String(value), clipped)
  if (typeof value === 'boolean') return addTag(ctx, tags, name, String(value), clipped)
  if (typeof value === 'string') return visitString(ctx, tags, frame, stack)
  if (depth + 1 > ctx.budget.limits.maxDepth) return tooDeepError(ctx.budget.limits.maxDepth)
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [`[${index}]`, item])
    : Object.keys(value).map((key) => [key, value[key] ?? null])
  // Pushed in reverse so that tags come out in document order.
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const [key, item] = entries[i] ?? ['', null]
    const child = childName(ctx.budget.limits, frame, key, Array.isArray(value))
    stack.push({ value: item, name: child.name, depth: depth + 1, clipped: child.clipped })
  }
  return undefined
}

// ATSD-BEHAVIOUR §2.4 json.parse: a text field named by json.parse holds JSON; flatten it under its own name.
// Invalid JSON keeps the text as the tag and records a warning.
function visitString(
  ctx: FlattenContext,
  tags: Map<string, string>,
  frame: Frame,
  stack: Frame[],
): ConvertError | undefined {
  const text = frame.value as string
  const kept = frame.keepText === true ? text : unquote(text)
  if (!ctx.jsonParse.names.has(frame.name)) return addTag(ctx, tags, frame.name, kept, frame.clipped)
  ctx.jsonParse.found.add(frame.name)
  const parsed = parseJsonText(
    text,
    ctx.budget.limits.maxDepth - frame.depth,
    ctx.budget.limits.maxJsonValues,
  )
  // A document that is itself a JSON string is stored, not parsed again (that could go on for ever).
  if (parsed.ok && typeof parsed.value === 'string') {
    return addTag(ctx, tags, frame.name, unquote(parsed.value), frame.clipped)
  }
  if (parsed.ok) {
    stack.push({ ...frame, value: parsed.value, keepText: false })
    return undefined
  }
  if (parsed.error.code === 'too_complex') return tooDeepError(ctx.budget.limits.maxDepth)
  ctx.warnings.push(`json.parse=${frame.name}: ${parsed.error.message}; the field is kept as text`)
  return addTag(ctx, tags, frame.name, kept, frame.clipped)
}

function childName(
  limits: ConvertLimits,
  parent: Frame,
  key: string,
  isIndex: boolean,
): { name: string; clipped: boolean } {
  // Children of a truncated name would be truncated to the same text: skip building ever longer strings.
  if (parent.clipped) return { name: parent.name, clipped: true }
  const segment = isIndex ? key : normaliseTagName(key)
  const full = isIndex || parent.name === '' ? parent.name + segment : `${parent.name}.${segment}`
  const name = clipName(full, limits.maxNameLength)
  return { name, clipped: name !== full }
}
