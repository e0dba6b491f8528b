import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { FormatErrorView, FormatPreviewView } from '../../components/format-preview-view'
import { ErrorMessage } from '../../components/state-view'
import { formatClock } from '../../lib/format'
import { useFormattingLabStore, type DraftParseMode } from '../../store/formatting-lab-store'
import { useSimulatorStore } from '../../store/simulator-store'

const PARSE_MODES: DraftParseMode[] = ['MarkdownV2', 'HTML', 'Markdown', 'none']

/**
 * The formatting lab (issue 14.4): a draft text previewed as Telegram parses it, and every parse error the
 * simulator answered the bot in this chat, with the byte offset marked in the text it sent.
 */
export function FormattingLab() {
  const lab = useFormattingLabStore(
    useShallow((s) => ({
      draft: s.draft,
      result: s.draftResult,
      errors: s.errors,
      errorsError: s.errorsError,
      setDraft: s.setDraft,
      previewDraft: s.previewDraft,
      fetchErrors: s.fetchErrors,
    })),
  )
  const chatId = useSimulatorStore((s) => s.selectedId)
  // A new transcript item (a bot reply, or a user message the bot may have failed to answer) refreshes.
  const items = useSimulatorStore((s) => (chatId === null ? 0 : (s.transcripts[chatId]?.length ?? 0)))
  const [open, setOpen] = useState(false)
  const { fetchErrors } = lab
  useEffect(() => {
    if (open && chatId !== null) void fetchErrors(chatId)
  }, [open, chatId, items, fetchErrors])

  return (
    <details className="sim-panel" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="form__title">
        Formatting lab
        {lab.errors.length > 0 && ` (${lab.errors.length} parse error${lab.errors.length === 1 ? '' : 's'})`}
      </summary>
      <form
        className="format-lab__draft"
        aria-label="Preview a draft text"
        onSubmit={(event) => {
          event.preventDefault()
          void lab.previewDraft()
        }}
      >
        <label className="field">
          <span className="field__label">Draft text</span>
          <textarea
            className="input format-lab__text"
            rows={3}
            value={lab.draft.text}
            onChange={(event) => lab.setDraft({ text: event.target.value })}
            placeholder="*bold* _italic_ `code` [link](https://example.com)"
          />
        </label>
        <div className="sim-panel__row">
          <label htmlFor="format-lab-mode">Parse mode</label>
          <select
            id="format-lab-mode"
            className="select"
            value={lab.draft.parseMode}
            onChange={(event) => lab.setDraft({ parseMode: event.target.value as DraftParseMode })}
          >
            {PARSE_MODES.map((mode) => (
              <option key={mode}>{mode}</option>
            ))}
          </select>
          <label className="check">
            <input
              type="checkbox"
              checked={lab.draft.kind === 'caption'}
              onChange={(event) => lab.setDraft({ kind: event.target.checked ? 'caption' : 'text' })}
            />
            Caption (1024)
          </label>
          <button type="submit" className="button" disabled={lab.result.busy}>
            {lab.result.busy ? 'Previewing…' : 'Preview'}
          </button>
        </div>
      </form>
      {lab.result.error && <ErrorMessage error={lab.result.error} />}
      {lab.result.preview && <FormatPreviewView preview={lab.result.preview} />}
      <h3 className="format-lab__heading">Parse errors answered in this chat</h3>
      {lab.errorsError && <ErrorMessage error={lab.errorsError} />}
      {lab.errors.length === 0 ? (
        <p className="muted">None: every text the bot sent here parsed.</p>
      ) : (
        <ol className="format-lab__errors" aria-label="Parse errors">
          {lab.errors.map((e) => (
            <li key={e.id}>
              <p className="muted">
                <time dateTime={e.at}>{formatClock(e.at)}</time> · {e.method} · parse mode{' '}
                {e.parseMode ?? 'none'}
              </p>
              <FormatErrorView text={e.text} description={e.description} where={e.where} />
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}
