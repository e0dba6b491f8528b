// A line tokenizer for YAML, for highlighting only (the core's parser judges validity): comments, keys,
// quoted strings, numbers and booleans, `- ` and flow punctuation.
import type { Token } from './expr-tokens'

const PATTERNS: [RegExp, Token['type']][] = [
  [/^#.*/, 'comment'],
  [/^"(?:[^"\\]|\\.)*"?|^'(?:[^']|'')*'?/, 'string'],
  [/^[A-Za-z_][\w-]*(?=\s*:(\s|$))/, 'property'],
  [/^-?\d+(?:\.\d+)?(?:ms|s|m)?(?=[\s,}\]]|$)/, 'number'],
  [/^(?:true|false|null|~)(?=[\s,}\]]|$)/, 'literal'],
  [/^[-:,{}[\]|>]/, 'punctuation'],
]

/** Tokens of YAML text; never fails. */
export function tokenizeYaml(text: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  while (pos < text.length) {
    const rest = text.slice(pos)
    const space = /^\s+/.exec(rest)
    if (space) {
      pos += space[0].length
      continue
    }
    const hit = PATTERNS.map(([re, type]) => ({ m: re.exec(rest), type })).find((p) => p.m)
    // `#` starts a comment only at a line start or after a space.
    if (hit?.m && !(hit.type === 'comment' && pos > 0 && !/\s/.test(text[pos - 1]!))) {
      tokens.push({ type: hit.type, from: pos, to: pos + hit.m[0].length })
      pos += hit.m[0].length
      continue
    }
    const word = /^[^\s,{}[\]]+/.exec(rest)
    pos += word ? word[0].length : 1
  }
  return tokens
}
