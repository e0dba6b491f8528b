import { useEffect, useEffectEvent } from 'react'

/** Every keyboard shortcut of the app, in one table: handlers bind to these ids; the Help dialog renders it. */
export const SHORTCUTS = [
  { id: 'previous', key: 'ArrowUp', label: '↑', description: 'Select the previous request' },
  { id: 'next', key: 'ArrowDown', label: '↓', description: 'Select the next request' },
  { id: 'open', key: 'Enter', label: 'Enter', description: 'Open the selected request' },
  { id: 'search', key: '/', label: '/', description: 'Focus the search box' },
  { id: 'close', key: 'Escape', label: 'Esc', description: 'Close the request detail' },
  { id: 'help', key: '?', label: '?', description: 'Show these keyboard shortcuts' },
] as const

export type Shortcut = (typeof SHORTCUTS)[number]
export type ShortcutId = Shortcut['id']

// Keys that mean something to the focused control itself (a button's Enter, a tab list's arrows).
const NAVIGATION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Enter'])
const OWN_KEYS_SELECTOR =
  'button, a[href], summary, select, [role="tab"], [role="separator"], [role="menuitem"]'

/** Binds handlers for some of the SHORTCUTS while the calling component is mounted. */
export function useShortcuts(handlers: Partial<Record<ShortcutId, () => void>>): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return
    // An open dialog or popover owns the keyboard; its Esc (a close request) must reach the browser.
    if (document.querySelector('dialog[open], :popover-open')) return
    const target = event.target instanceof Element ? event.target : null
    if (target && isTextEntry(target)) {
      // In a text field only Esc is ours: it leaves the field so the list keys work again.
      if (event.key === 'Escape' && target instanceof HTMLElement) target.blur()
      return
    }
    if (NAVIGATION_KEYS.has(event.key) && target?.closest(OWN_KEYS_SELECTOR)) return
    const shortcut = SHORTCUTS.find((candidate) => candidate.key === event.key)
    const handler = shortcut && handlers[shortcut.id]
    if (!handler) return
    event.preventDefault()
    handler()
  })

  useEffect(() => {
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

function isTextEntry(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true
  if (element instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit'].includes(element.type)
  return element instanceof HTMLElement && element.isContentEditable
}
