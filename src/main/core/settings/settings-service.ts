import { Settings, SettingsPatch } from '@shared/settings'
import { AppError } from '@shared/errors'
import type { EventBus } from '../events'
import type { Logger } from '../log'

const STORED_KEY = 'settings'

export interface SettingsStorage {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

/** A deep-ish patch: `retention` merges field by field. */
export type SettingsOverrides = Partial<Omit<Settings, 'retention'>> & {
  retention?: Partial<Settings['retention']>
}

export interface SettingsService {
  get(): Settings
  /** Validates, persists and emits `settings.changed`. */
  update(patch: unknown): Settings
}

function merge(base: Settings, patch: SettingsOverrides): Settings {
  return { ...base, ...patch, retention: { ...base.retention, ...patch.retention } }
}

/** Environment overrides (documented in README): only what a CI pipeline plausibly sets. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): SettingsOverrides {
  const out: SettingsOverrides = {}
  if (env.HOOKBENCH_ALLOW_ANONYMOUS !== undefined)
    out.allowAnonymous = env.HOOKBENCH_ALLOW_ANONYMOUS === 'true'
  if (env.HOOKBENCH_MAX_BODY_BYTES !== undefined) out.maxBodyBytes = Number(env.HOOKBENCH_MAX_BODY_BYTES)
  return out
}

/**
 * defaults < stored (SQLite) < environment < CLI flags. The stored value is validated field by field: a bad
 * stored value is reported with its path and replaced by the default, never a crash. Environment and flags
 * are start values: a later `update()` of the same key wins over them (what the user just did is what counts).
 */
export function createSettingsService(
  storage: SettingsStorage,
  bus: EventBus,
  log: Logger,
  ...overrides: SettingsOverrides[]
): SettingsService {
  let stored: SettingsOverrides = {}
  const raw = storage.get(STORED_KEY)
  if (raw !== undefined) {
    const parsed = SettingsPatch.safeParse(raw)
    if (parsed.success) stored = parsed.data
    else {
      for (const issue of parsed.error.issues) {
        log.warn(
          { path: issue.path.join('.'), problem: issue.message },
          'stored setting invalid; using the default',
        )
      }
      const keep: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        const one = SettingsPatch.safeParse({ [k]: v })
        if (one.success) keep[k] = v
      }
      stored = keep as SettingsOverrides
    }
  }
  const defaults = Settings.parse({})
  let startOverrides: SettingsOverrides = overrides.reduce<SettingsOverrides>(
    (acc, o) => ({ ...acc, ...o, retention: { ...acc.retention, ...o.retention } }),
    {},
  )
  const compute = () => {
    const merged = merge(merge(defaults, stored), startOverrides)
    const checked = Settings.safeParse(merged)
    if (!checked.success) {
      const issue = checked.error.issues[0]!
      throw new AppError('invalid_input', `Setting ${issue.path.join('.')}: ${issue.message}`, {
        where: [{ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) }],
      })
    }
    return checked.data
  }
  let current = compute()

  return {
    get: () => current,
    update(patchInput) {
      const parsed = SettingsPatch.safeParse(patchInput)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new AppError('invalid_input', `Setting ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
          where: parsed.error.issues.map((i) => ({
            path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          })),
        })
      }
      const patch = parsed.data as SettingsOverrides
      stored = merge(merge(defaults, stored), patch)
      const { retention, ...rest } = startOverrides
      const remaining: SettingsOverrides = Object.fromEntries(
        Object.entries(rest).filter(([k]) => !(k in patch)),
      ) as SettingsOverrides
      if (retention && !patch.retention) remaining.retention = retention
      startOverrides = remaining
      current = compute()
      storage.set(STORED_KEY, stored)
      bus.emit({ type: 'settings.changed', settings: current })
      return current
    },
  }
}
