import type { FormEvent, ReactNode } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { ErrorMessage } from '../../components/state-view'

export interface WizardFrameProps {
  title: string
  /** What this step is for, in a sentence or two. */
  intro: ReactNode
  children?: ReactNode
  /** The error of the last attempt, shown verbatim above the buttons. */
  error?: AppErrorShape | null
  onBack?(): void
  /** The forward button; the frame is a form, so Enter in a field presses it. */
  submitLabel?: string
  busyLabel?: string
  busy?: boolean
  onSubmit?(): void
  /** Extra buttons beside the forward one. */
  extra?: ReactNode
  /** False when an extra button is the way forward and the submit one only repeats the step. */
  primary?: boolean
}

/** One wizard step: heading, explanation, fields, error, Back and the step's own forward button. */
export function WizardFrame({
  title,
  intro,
  children,
  error,
  onBack,
  submitLabel,
  busyLabel,
  busy,
  onSubmit,
  extra,
  primary = true,
}: WizardFrameProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!busy) onSubmit?.()
  }
  return (
    <form className="panel wizard__panel" aria-labelledby="wizard-step-title" onSubmit={submit} noValidate>
      <h2 id="wizard-step-title" className="panel__title">
        {title}
      </h2>
      <div className="wizard__intro">{intro}</div>
      {children}
      {error && (
        <div className="callout callout--error" role="alert">
          <ErrorMessage error={error} />
        </div>
      )}
      <div className="form__actions">
        {onBack && (
          <button type="button" className="button" onClick={onBack}>
            Back
          </button>
        )}
        {submitLabel && (
          <button type="submit" className={primary ? 'button button--primary' : 'button'} disabled={busy}>
            {busy ? (busyLabel ?? 'Working…') : submitLabel}
          </button>
        )}
        {extra}
      </div>
    </form>
  )
}

export interface ProblemProps {
  /** A failure as the core or Telegram worded it, shown verbatim. */
  message: string | null
  hint: string | null
  title?: string
}

/** A Telegram or tunnel problem with the hint Hookbench has for it. */
export function Problem({ message, hint, title = 'Telegram said' }: ProblemProps) {
  if (!message) return null
  return (
    <div className="callout callout--error" role="alert">
      <p className="callout__title">{title}</p>
      <p className="wrap mono">{message}</p>
      {hint && <p>{hint}</p>}
    </div>
  )
}
