import type { KeyboardEvent, ReactNode } from 'react'
import { panelId, tabId } from '../lib/dom-ids'

interface TabItem<T extends string> {
  id: T
  label: string
}

export interface TabsProps<T extends string> {
  label: string
  idPrefix: string
  tabs: readonly TabItem<T>[]
  active: T
  onChange(id: T): void
  /** Extra controls at the end of the tab strip. */
  end?: ReactNode
}

/** WAI-ARIA tabs: ←/→/Home/End move between tabs, only the active tab is in the tab order. */
export function Tabs<T extends string>({ label, idPrefix, tabs, active, onChange, end }: TabsProps<T>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((tab) => tab.id === active)
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: tabs.length - 1,
    }
    const to = moves[event.key]
    if (to === undefined) return
    event.preventDefault()
    const tab = tabs[(to + tabs.length) % tabs.length]
    if (!tab) return
    onChange(tab.id)
    document.getElementById(tabId(idPrefix, tab.id))?.focus()
  }
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(idPrefix, tab.id)}
            aria-selected={tab.id === active}
            aria-controls={panelId(idPrefix, tab.id)}
            tabIndex={tab.id === active ? 0 : -1}
            className="tabs__tab"
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {end && <div className="tabs__end">{end}</div>}
    </div>
  )
}

export interface TabPanelProps {
  idPrefix: string
  id: string
  children: ReactNode
}

export function TabPanel({ idPrefix, id, children }: TabPanelProps) {
  return (
    <div
      role="tabpanel"
      id={panelId(idPrefix, id)}
      aria-labelledby={tabId(idPrefix, id)}
      className="tabs__panel"
      tabIndex={0}
    >
      {children}
    </div>
  )
}
