import { useEffect } from 'react'
import type { Settings } from '@shared/settings'

const THEME_KEY = 'hookbench.theme'

/** Applies the theme setting to the document (tokens.css reads `data-theme`) and remembers it for boot. */
export function useApplyTheme(theme: Settings['theme']): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    try {
      localStorage.setItem(THEME_KEY, theme)
    } catch {
      // Storage can be unavailable (private mode); the theme then only applies once settings load.
    }
  }, [theme])
}

/** The theme last applied, so the first paint does not flash the wrong one while settings load. */
export function rememberedTheme(): Settings['theme'] {
  try {
    const stored = localStorage.getItem(THEME_KEY)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system'
  }
}
