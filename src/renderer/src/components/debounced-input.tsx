import { useState, type Ref } from 'react'
import { useDebouncedCallback } from '../hooks/use-debounced-callback'

export interface DebouncedInputProps {
  label: string
  value: string
  onCommit(value: string): void
  placeholder?: string
  type?: 'search' | 'text'
  className?: string
  inputRef?: Ref<HTMLInputElement>
  delayMs?: number
}

/** A text filter that reports its value once typing pauses (or at once on Enter). */
export function DebouncedInput({
  label,
  value,
  onCommit,
  placeholder,
  type = 'text',
  className = 'input',
  inputRef,
  delayMs = 300,
}: DebouncedInputProps) {
  const [draft, setDraft] = useState(value)
  const [committed, setCommitted] = useState(value)
  // The URL can change the value from outside (back button, a link): the draft follows it.
  if (value !== committed) {
    setCommitted(value)
    setDraft(value)
  }
  const commit = useDebouncedCallback((next: string) => {
    if (next !== value) onCommit(next)
  }, delayMs)
  return (
    <input
      ref={inputRef}
      type={type}
      className={className}
      aria-label={label}
      placeholder={placeholder}
      value={draft}
      spellCheck={false}
      onChange={(event) => {
        setDraft(event.target.value)
        commit(event.target.value)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onCommit(draft)
      }}
    />
  )
}
