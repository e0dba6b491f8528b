import { useRuleEditorStore } from '../../store/rule-editor-store'

export interface ActionPreviewProps {
  index: number
}

/** The action's texts rendered against the chosen message, as the core would send them. */
export function ActionPreview({ index }: ActionPreviewProps) {
  const messageId = useRuleEditorStore((s) => s.testMessageId)
  const result = useRuleEditorStore((s) => s.test)
  const action = result?.actions.find((a) => a.index === index)
  if (messageId === null) {
    return (
      <p className="muted action-preview">
        Choose a message under “Test against a message” to preview the texts.
      </p>
    )
  }
  if (!result) return null
  if (!action) {
    return (
      <p className="muted action-preview">
        No preview:{' '}
        {result.filter.value
          ? 'the rule does not reach this action.'
          : 'the filter does not match this message.'}
      </p>
    )
  }
  const entries = Object.entries(action.texts)
  return (
    <section className="action-preview" aria-label={`Preview of action ${index + 1}`}>
      <h4 className="action-preview__title">
        Preview against message #{messageId}{' '}
        <span className={action.fires ? 'badge badge--status-2xx' : 'badge'}>
          {action.fires ? 'would send' : 'would not send'}
        </span>
      </h4>
      {!action.fires && (
        <p className="muted">
          {result.status
            ? `This message takes the window to ${result.status}, which this action is not set to fire on.`
            : 'This message changes no status, so nothing fires.'}
        </p>
      )}
      <dl className="action-preview__texts">
        {entries.map(([name, text]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd className="wrap">{text || <span className="faint">(empty)</span>}</dd>
          </div>
        ))}
      </dl>
      {action.emptyPlaceholders.length > 0 && (
        <p className="callout callout--warn">
          Rendered empty: <code>{action.emptyPlaceholders.join(', ')}</code>
        </p>
      )}
      {action.errors.map((error) => (
        <p key={error} className="text-error wrap">
          {error}
        </p>
      ))}
    </section>
  )
}
