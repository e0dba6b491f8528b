import type { ReactNode } from 'react'
import { errorId, hintId } from '../lib/dom-ids'

export interface FieldProps {
  /** The id of the control inside; the label points at it, hint and error hang off it. */
  id: string
  label: string
  hint?: ReactNode
  /** Shown under the control; the control should carry aria-invalid and aria-describedby={describedBy(id, { hint, error })}. */
  error?: string | null
  children: ReactNode
}

export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className={error ? 'field is-invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && (
        <p className="field__hint" id={hintId(id)}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId(id)} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
