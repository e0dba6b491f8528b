// Renderer-only helpers of the Scenarios page: file names, the starter template, places in the text.

/** A scenario name as a file name: `Greets & echoes` → `greets-echoes.scenario.yaml`. */
export function scenarioFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.scenario\.ya?ml$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return `${slug || 'scenario'}.scenario.yaml`
}

/** A YAML string literal (double-quoted), safe for any name. */
function yamlString(text: string): string {
  return JSON.stringify(text)
}

/** A valid scenario to start from: one private chat, /start and its expected greeting. */
export function starterScenario(name: string): string {
  return [
    `name: ${yamlString(name.trim() || 'new scenario')}`,
    'chats:',
    '  ada: { type: private, firstName: Ada, username: ada }',
    'steps:',
    '  - send: { chat: ada, text: /start }',
    '  - expect: { chat: ada, textMatches: ".+" }',
    '',
  ].join('\n')
}

/** The offset of a 1-based line and column in the text, clamped to the text. */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset)
    if (next === -1) return text.length
    offset = next + 1
  }
  const end = text.indexOf('\n', offset)
  const lineEnd = end === -1 ? text.length : end
  return Math.min(offset + Math.max(column - 1, 0), lineEnd)
}

/** A problem's underline: from its column to the end of its word (at least one character). */
export function problemSpan(text: string, line: number, column: number): { from: number; to: number } {
  const from = offsetAt(text, line, column)
  const rest = /^[^\s,:{}[\]]+/.exec(text.slice(from))
  return { from, to: from + Math.max(rest?.[0].length ?? 0, 1) }
}

/** The Scenarios page with that file open. */
export function scenarioHref(path: string): string {
  return `#/scenarios?${new URLSearchParams({ file: path }).toString()}`
}
