import { useClipboard } from '../hooks/use-clipboard'
import { Icon } from './icon'

export interface CopyButtonProps {
  /** What goes to the clipboard. */
  value: string
  /** The button's text, e.g. "Copy as curl". */
  label: string
  /** Show only the icon (the label is then the accessible name). */
  iconOnly?: boolean
  className?: string
}

export function CopyButton({ value, label, iconOnly = false, className = 'button' }: CopyButtonProps) {
  const { copied, failed, copy } = useClipboard()
  const feedback = failed ? 'Copy failed' : copied !== null ? 'Copied' : null
  return (
    <button
      type="button"
      className={className}
      onClick={() => void copy(value)}
      aria-label={iconOnly ? label : undefined}
      title={iconOnly ? label : undefined}
    >
      <Icon name="copy" />
      {!iconOnly && <span>{feedback ?? label}</span>}
      <span className="visually-hidden" aria-live="polite">
        {feedback ?? ''}
      </span>
    </button>
  )
}
