import type { AppErrorShape } from '@shared/errors'
import { IpAddress, type Settings, type SettingsPatch } from '@shared/settings'

/** The receiver-and-storage form as typed (strings, so a half-typed number stays what the user typed). */
export interface SettingsDraft {
  maxBodyKiB: string
  authFailuresPerMinute: string
  maxRows: string
  maxAgeDays: string
  durability: Settings['durability']
  /** Trusted proxy addresses, as typed: separated by commas or spaces. */
  trustedProxies: string
}

/** Every settings field a form may show an error next to (`where` paths joined with `.`). */
export const SETTINGS_FIELDS = [
  'maxBodyBytes',
  'authFailuresPerMinute',
  'retention.maxRows',
  'retention.maxAgeDays',
  'durability',
  'trustedProxies',
  'allowAnonymous',
  'theme',
] as const

export function draftOf(settings: Settings): SettingsDraft {
  return {
    maxBodyKiB: String(settings.maxBodyBytes / 1024),
    authFailuresPerMinute: String(settings.authFailuresPerMinute),
    maxRows: String(settings.retention.maxRows),
    maxAgeDays: String(settings.retention.maxAgeDays),
    durability: settings.durability,
    trustedProxies: settings.trustedProxies.join(', '),
  }
}

const addressesOf = (text: string) => text.split(/[\s,]+/).filter(Boolean)

/** The patch a draft asks for; an empty or non-numeric field becomes NaN, which the schema then names. */
export function patchOf(draft: SettingsDraft): SettingsPatch {
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))
  return {
    maxBodyBytes: Math.round(number(draft.maxBodyKiB) * 1024),
    authFailuresPerMinute: number(draft.authFailuresPerMinute),
    retention: { maxRows: number(draft.maxRows), maxAgeDays: number(draft.maxAgeDays) },
    durability: draft.durability,
    trustedProxies: addressesOf(draft.trustedProxies),
  }
}

export function isDraftChanged(draft: SettingsDraft, settings: Settings): boolean {
  const saved = draftOf(settings)
  return (Object.keys(saved) as (keyof SettingsDraft)[]).some((key) => draft[key] !== saved[key])
}

const NUMBER_FIELDS: { key: keyof SettingsDraft; path: string[]; integer: boolean }[] = [
  { key: 'maxBodyKiB', path: ['maxBodyBytes'], integer: false },
  { key: 'authFailuresPerMinute', path: ['authFailuresPerMinute'], integer: true },
  { key: 'maxRows', path: ['retention', 'maxRows'], integer: true },
  { key: 'maxAgeDays', path: ['retention', 'maxAgeDays'], integer: true },
]

/** The first field that is not a number a person would type, as an error beside it; null when all are. */
export function draftProblem(draft: SettingsDraft): AppErrorShape | null {
  for (const { key, path, integer } of NUMBER_FIELDS) {
    const text = draft[key].trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      const message = integer ? 'Enter a whole number, 0 or more.' : 'Enter a number, 0 or more.'
      return { kind: 'invalid_input', message, where: [{ path }] }
    }
  }
  for (const address of addressesOf(draft.trustedProxies)) {
    const parsed = IpAddress.safeParse(address)
    if (!parsed.success) {
      const message = `"${address}": ${parsed.error.issues[0]?.message ?? 'not an IP address'}`
      return { kind: 'invalid_input', message, where: [{ path: ['trustedProxies'] }] }
    }
  }
  return null
}
