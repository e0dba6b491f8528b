import type { ReactNode } from 'react'
import { Icon } from './icon'

export interface PopoverMenuProps {
  /** Unique in the page: the popover's id and its anchor name. */
  id: string
  /** The button's content (also its accessible name). */
  label: ReactNode
  /** The panel's accessible name. */
  title: string
  children: ReactNode
  active?: boolean
}

/**
 * A button that opens a panel below it, on the native Popover API: light dismiss, Esc and the top layer
 * come from the browser; CSS anchor positioning keeps the panel under its button.
 */
export function PopoverMenu({ id, label, title, children, active = false }: PopoverMenuProps) {
  const anchor = `--${id}`
  return (
    <>
      <button
        type="button"
        className={active ? 'button button--active' : 'button'}
        popoverTarget={id}
        style={{ anchorName: anchor }}
      >
        {label}
        <Icon name="chevronDown" />
      </button>
      <div
        id={id}
        popover="auto"
        role="dialog"
        aria-label={title}
        className="popover"
        style={{ positionAnchor: anchor }}
      >
        {children}
      </div>
    </>
  )
}
