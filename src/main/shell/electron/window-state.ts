import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserWindow, Rectangle } from 'electron'

interface WindowState {
  bounds: Partial<Rectangle>
  maximized: boolean
}

/** Remembers the window's size, position and maximised state in userData/window-state.json. */
export function loadWindowState(userData: string): WindowState {
  try {
    return JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')) as WindowState
  } catch {
    return { bounds: { width: 1280, height: 820 }, maximized: false }
  }
}

export function trackWindowState(userData: string, window: BrowserWindow): void {
  const save = () => {
    if (window.isDestroyed()) return
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    try {
      writeFileSync(join(userData, 'window-state.json'), JSON.stringify(state))
    } catch {
      // losing the window position is not worth failing a quit
    }
  }
  window.on('close', save)
}
