import { SEVERITY_NAMES, type Severity } from '@shared/message'

// ATSD-BEHAVIOUR §3: aliases accepted on input, mapped to the canonical name.
const SEVERITY_ALIASES: Readonly<Record<string, Severity>> = {
  INFO: 'NORMAL',
  WARN: 'WARNING',
  ERROR: 'CRITICAL',
}

const SEVERITY_BY_NAME: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ...SEVERITY_NAMES.map((name): [string, Severity] => [name, name]),
  ...Object.entries(SEVERITY_ALIASES),
])

/** Reads a severity code (0–7), name or alias, case-insensitively; `undefined` when unknown. */
export function parseSeverity(input: string): Severity | undefined {
  const text = input.trim().toUpperCase()
  if (/^\d+$/.test(text)) return SEVERITY_NAMES[Number(text)]
  return SEVERITY_BY_NAME.get(text)
}

/** The accepted values as a user-facing list, for the 400 that rejects an unknown severity. */
export function describeAcceptedSeverities(): string {
  const names = SEVERITY_NAMES.map((name) => {
    const aliases = Object.keys(SEVERITY_ALIASES).filter((alias) => SEVERITY_ALIASES[alias] === name)
    return aliases.length > 0 ? `${name} (${aliases.join(', ')})` : name
  })
  return `a code 0-${SEVERITY_NAMES.length - 1} or one of ${names.join(', ')}`
}
