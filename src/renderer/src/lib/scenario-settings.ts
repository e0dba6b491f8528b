// The Settings page's scenario fields as a draft: text inputs in, a SettingsPatch (or a problem) out.
import type { AppErrorShape } from '@shared/errors'
import type { Settings, SettingsPatch } from '@shared/settings'

export interface ScenarioSettingsDraft {
  folder: string
  withinMs: string
}

export const scenarioDraftOf = (s: Settings): ScenarioSettingsDraft => ({
  folder: s.scenarioFolder,
  withinMs: String(s.scenarioWithinMs),
})

/** The patch of a valid draft, or the problem with the field it is about. */
export function scenarioPatchOf(
  draft: ScenarioSettingsDraft,
): { ok: true; patch: SettingsPatch } | { ok: false; error: AppErrorShape } {
  const within = Number(draft.withinMs.trim())
  if (!/^\d+$/.test(draft.withinMs.trim()) || within < 50 || within > 600_000) {
    return {
      ok: false,
      error: {
        kind: 'invalid_input',
        message: 'The default wait is a whole number of milliseconds from 50 to 600000 (3000 = 3 s).',
        where: [{ path: ['scenarioWithinMs'] }],
      },
    }
  }
  return { ok: true, patch: { scenarioFolder: draft.folder.trim(), scenarioWithinMs: within } }
}
