import type { ReactNode } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { Icon } from './icon'
import { PopoverMenu } from './popover-menu'
import { ErrorMessage } from './state-view'

export type ExportFormatChoice = 'har' | 'json'

const FORMATS = [
  { format: 'har', label: 'Download HAR', className: 'button button--primary' },
  { format: 'json', label: 'Download JSON', className: 'button' },
] as const

export interface ExportMenuProps {
  /** Unique in the page (the popover's id). */
  id: string
  /** The panel's accessible name, e.g. "Export requests". */
  title: string
  /** The button's text. */
  label?: string
  /** Choices above the download buttons (which requests). */
  children?: ReactNode
  busy: boolean
  error: AppErrorShape | null
  /** What the last download saved, e.g. "Saved 3 requests as hookbench-….har". */
  done: string | null
  disabled?: boolean
  onExport(format: ExportFormatChoice): void
}

/** A popover with "Download HAR" and "Download JSON", what they would export, and how the last one went. */
export function ExportMenu({
  id,
  title,
  label = 'Export',
  children,
  busy,
  error,
  done,
  disabled = false,
  onExport,
}: ExportMenuProps) {
  return (
    <PopoverMenu
      id={id}
      title={title}
      label={
        <>
          <Icon name="download" />
          <span>{label}</span>
        </>
      }
    >
      <div className="popover__form export-menu">
        {children}
        <div className="export-menu__buttons">
          {FORMATS.map(({ format, label: text, className }) => (
            <button
              key={format}
              type="button"
              className={className}
              disabled={busy || disabled}
              onClick={() => onExport(format)}
            >
              {text}
            </button>
          ))}
        </div>
        <p className="export-menu__note muted">
          HAR 1.2 opens in browser dev tools and most HTTP tools. Credentials and secret tokens are masked.
        </p>
        <div role="status" className="export-menu__status">
          {busy ? 'Preparing the file…' : error ? null : done}
        </div>
        {error && <ErrorMessage error={error} />}
      </div>
    </PopoverMenu>
  )
}
