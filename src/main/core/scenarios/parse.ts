import type { ScenarioProblem } from '@shared/scenarios'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { z } from 'zod'
import {
  durationMs,
  ScenarioFile,
  STEP_KINDS,
  STEP_SCHEMAS,
  type Scenario,
  type Step,
  type StepKind,
} from '@shared/scenarios'

/** A place in a scenario file, 1-based. */

export type ParsedScenario =
  | { ok: true; scenario: Scenario; doc: Document; lineCounter: LineCounter }
  | { ok: false; problems: ScenarioProblem[] }

// The file's top level as the schema says, the steps checked one by one (a union's errors say nothing useful).
const Top = ScenarioFile.extend({ steps: z.array(z.unknown()).min(1) })

type Path = readonly (string | number)[]

/** The YAML node at `path` (the key's node when `key`), else the nearest ancestor that exists. */
function nodeAt(doc: Document, path: Path, key = false): Node | null {
  let node: unknown = doc.contents
  let found: Node | null = (node as Node | null) ?? null
  for (const [i, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part),
      )
      if (!pair) return found
      if (key && i === path.length - 1) return (pair.key as Node) ?? found
      node = pair.value
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part]
    } else {
      return found
    }
    if (node && typeof node === 'object' && 'range' in node) found = node as Node
  }
  return found
}

/**
 * Parses and validates a `*.scenario.yaml` text. Every problem carries its line and column; references
 * (a step's chat, a member, `from`) are checked too, so a run never starts on a file that cannot work.
 */
export function parseScenario(text: string): ParsedScenario {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const at = (node: Node | null): { line: number; column: number } => {
    const offset = node?.range?.[0] ?? 0
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
        line: e.linePos?.[0]?.line ?? 1,
        column: e.linePos?.[0]?.col ?? 1,
      })),
    }
  }
  const problems: ScenarioProblem[] = []
  const report = (path: Path, message: string, key = false) =>
    problems.push({ message: `${describePath(path)}${message}`, ...at(nodeAt(doc, path, key)) })
  const reportIssues = (issues: readonly z.core.$ZodIssue[], prefix: Path) => {
    for (const issue of issues) {
      const path = [...prefix, ...(issue.path as (string | number)[])]
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) report([...path, k], `unknown field "${k}"`, true)
      } else report(path, issue.message)
    }
  }

  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    return { ok: false, problems: [{ message: (err as Error).message, line: 1, column: 1 }] }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problems: [{ message: 'A scenario is a mapping with name, chats and steps', ...at(doc.contents) }],
    }
  }
  const top = Top.safeParse(value)
  if (!top.success) reportIssues(top.error.issues, [])
  const raw = value as { steps?: unknown; chats?: Record<string, unknown>; users?: Record<string, unknown> }
  const steps: (Step & { line: number })[] = []
  for (const [index, item] of (Array.isArray(raw.steps) ? raw.steps : []).entries()) {
    const path = ['steps', index]
    const keys = item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.keys(item) : []
    const kind = keys[0] as StepKind
    if (keys.length !== 1 || !STEP_KINDS.includes(kind)) {
      report(
        keys.length === 1 ? [...path, keys[0]!] : path,
        `a step is one of ${STEP_KINDS.join(', ')}${keys.length === 1 ? `, not "${keys[0]}"` : ''}`,
        keys.length === 1,
      )
      continue
    }
    const body = STEP_SCHEMAS[kind].safeParse((item as Record<string, unknown>)[kind])
    if (!body.success) {
      reportIssues(body.error.issues, [...path, kind])
      continue
    }
    steps.push({ kind, body: body.data, line: at(nodeAt(doc, path)).line } as Step & { line: number })
  }
  if (!top.success || problems.length > 0) return { ok: false, problems: sorted(problems) }

  const file = top.data
  const users = { ...(file.users ?? {}) }
  const chats = file.chats
  const known = (name: string) => name in users || (name in chats && chats[name]!.type === 'private')
  for (const chat of Object.values(chats)) {
    if (chat.type === 'private') continue
    for (const member of chat.members ?? []) {
      if (!known(member)) users[member] = {}
    }
  }
  for (const [index, step] of steps.entries()) {
    const body = step.body as { chat?: string; from?: string; user?: string }
    const path = ['steps', index, step.kind]
    if (body.chat !== undefined && !(body.chat in chats)) {
      report([...path, 'chat'], `no chat "${body.chat}" under chats (${Object.keys(chats).join(', ')})`)
      continue
    }
    const chat = body.chat === undefined ? undefined : chats[body.chat]!
    for (const field of ['from', 'user'] as const) {
      const who = body[field]
      if (who === undefined || !chat) continue
      if (chat.type === 'private' && field === 'from') {
        report([...path, field], `a private chat has one user: leave out "from"`)
      } else if (chat.type === 'private') {
        report([...path, field], `join and leave are for groups`)
      } else if (field === 'from' && !(chat.members ?? []).includes(who)) {
        report(
          [...path, field],
          `"${who}" is not a member of ${body.chat} (members: ${(chat.members ?? []).join(', ')})`,
        )
      } else if (!known(who)) users[who] = {}
    }
    if (step.kind === 'expect' && step.body.textMatches !== undefined) {
      try {
        new RegExp(step.body.textMatches)
      } catch (err) {
        report([...path, 'textMatches'], (err as Error).message)
      }
    }
  }
  for (const [name, chat] of Object.entries(chats)) {
    if (chat.type !== 'private' && !chat.members?.length)
      report(['chats', name], 'a group needs members: [user, …] (the first one writes by default)')
  }
  if (problems.length > 0) return { ok: false, problems: sorted(problems) }
  return {
    ok: true,
    scenario: {
      name: file.name,
      ...(file.description !== undefined && { description: file.description }),
      users,
      chats,
      ...(file.within !== undefined && { withinMs: durationMs(file.within) }),
      steps,
    },
    doc,
    lineCounter,
  }
}

function sorted(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}

/** `steps[2].expect.within: ` — where in the file's structure, before the message. */
function describePath(path: Path): string {
  if (path.length === 0) return ''
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
  return `${text}: `
}
