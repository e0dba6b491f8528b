import { useCallback, useMemo, type ReactNode } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { CodeEditor, type CodeEditorMode } from '../../components/code-editor'
import { describedBy, errorId, hintId } from '../../lib/dom-ids'
import { completeAt } from '../../lib/expr-complete'
import type { ExprScope } from '../../lib/expr-names'
import { diagnosticsFor, errorFor } from '../../lib/rule-errors'

export interface CodeFieldProps {
  /** The rule field this edits, as the core names it in errors: `condition`, `actions.0.text`. */
  fieldKey: string
  label: string
  hint?: ReactNode
  value: string
  onChange(value: string): void
  mode: Exclude<CodeEditorMode, 'yaml'>
  scope: ExprScope
  tagNames: readonly string[]
  /** The save's or the live check's error; marks the editor when it is about this field. */
  error: AppErrorShape | null
  singleLine?: boolean
  placeholder?: string
}

/** A labelled code editor bound to one rule field: completion for its scope, the core's error marked in place. */
export function CodeField({
  fieldKey,
  label,
  hint,
  value,
  onChange,
  mode,
  scope,
  tagNames,
  error,
  singleLine,
  placeholder,
}: CodeFieldProps) {
  const id = `rule-${fieldKey.replace(/\./g, '-')}`
  const message = errorFor(error, fieldKey)
  const diagnostics = useMemo(
    () => diagnosticsFor(error, fieldKey, value, mode),
    [error, fieldKey, value, mode],
  )
  const complete = useCallback(
    (request: { text: string; pos: number; explicit: boolean }) =>
      completeAt({ ...request, mode, scope, tagNames }),
    [mode, scope, tagNames],
  )
  return (
    <div className={message ? 'field is-invalid' : 'field'}>
      <label className="field__label" htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <CodeEditor
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        mode={mode}
        complete={complete}
        diagnostics={diagnostics}
        singleLine={singleLine}
        placeholder={placeholder}
        invalid={message !== null}
        describedBy={describedBy(id, { hint, error: message })}
      />
      {hint && (
        <p className="field__hint" id={hintId(id)}>
          {hint}
        </p>
      )}
      {message && (
        <p className="field__error" id={errorId(id)} role="alert">
          {message}
        </p>
      )}
    </div>
  )
}
