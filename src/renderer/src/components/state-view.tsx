import type { ReactNode } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { placesOf } from '../lib/app-error'

export interface LoadingStateProps {
  label: string
}

export function LoadingState({ label }: LoadingStateProps) {
  return (
    <div className="state-view" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  )
}

export interface EmptyStateProps {
  title: string
  children?: ReactNode
}

export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="state-view">
      <h2 className="state-view__title">{title}</h2>
      {children}
    </div>
  )
}

export interface ErrorStateProps {
  title: string
  error: AppErrorShape
  onRetry?(): void
}

/** A failed load: the sentence the core wrote, where it points, and a way to try again. */
export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  return (
    <div className="state-view state-view--error" role="alert">
      <h2 className="state-view__title">{title}</h2>
      <ErrorMessage error={error} />
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

export interface ErrorMessageProps {
  error: AppErrorShape
}

export function ErrorMessage({ error }: ErrorMessageProps) {
  const places = placesOf(error)
  return (
    <div className="error-message">
      <p>{error.message}</p>
      {places.length > 0 && (
        <ul className="error-message__where">
          {places.map((where, index) => (
            <li key={index}>
              {where.path?.length ? <code>{where.path.join('.')}</code> : null}
              {where.line !== undefined &&
                ` line ${where.line}${where.column === undefined ? '' : `, column ${where.column}`}`}
              {where.expected?.length ? ` (expected ${where.expected.join(', ')})` : null}
            </li>
          ))}
        </ul>
      )}
      {error.ref && <p className="muted">Reference: {error.ref}</p>}
    </div>
  )
}
