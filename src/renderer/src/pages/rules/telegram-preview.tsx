import { FormatPreviewView } from '../../components/format-preview-view'
import { ErrorMessage } from '../../components/state-view'
import { useFormattingLabStore, type DraftParseMode } from '../../store/formatting-lab-store'
import { useRuleEditorStore } from '../../store/rule-editor-store'

export interface TelegramPreviewProps {
  index: number
  text: string
  parseMode: DraftParseMode
}

/**
 * Beside a Telegram action's text: the template rendered against a sample message (the one chosen under
 * "Test against a message", else the newest stored, else a built-in Telegram sample) with its placeholders
 * escaped, and what Telegram makes of it.
 */
export function TelegramPreview({ index, text, parseMode }: TelegramPreviewProps) {
  const result = useFormattingLabStore((s) => s.templates[index])
  const previewTemplate = useFormattingLabStore((s) => s.previewTemplate)
  const messageId = useRuleEditorStore((s) => s.testMessageId)
  const preview = result?.preview
  return (
    <div className="telegram-preview">
      <button
        type="button"
        className="button button--small"
        disabled={result?.busy}
        onClick={() => void previewTemplate(index, text, parseMode, messageId)}
      >
        {result?.busy ? 'Previewing…' : 'Preview as Telegram shows it'}
      </button>
      {result?.error && <ErrorMessage error={result.error} />}
      {preview && (
        <section aria-label={`Telegram preview of action ${index + 1}`}>
          <p className="muted">
            {preview.sampleMessageId === null || preview.sampleMessageId === undefined
              ? 'Rendered against a sample Telegram message.'
              : `Rendered against message #${preview.sampleMessageId}.`}{' '}
            Sent as: <code className="wrap">{preview.source}</code>
          </p>
          <FormatPreviewView preview={preview} />
        </section>
      )}
    </div>
  )
}
