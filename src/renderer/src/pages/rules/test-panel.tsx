import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage } from '../../components/state-view'
import { formatClock } from '../../lib/format'
import { ConditionVerdict, FilterVerdict, StatusReached, WindowBefore } from '../../components/rule-verdict'
import { describeActions } from '../../lib/rule-match'
import { useRuleEditorStore } from '../../store/rule-editor-store'

/** Runs the draft against one stored message (testRuleDraft): what would happen, with no side effects. */
export function TestPanel() {
  const store = useRuleEditorStore(
    useShallow((s) => ({
      messages: s.messages,
      messagesLoad: s.messagesLoad,
      messagesError: s.messagesError,
      messageId: s.testMessageId,
      test: s.test,
      testing: s.testing,
      liveError: s.liveError,
      loadMessages: s.loadMessages,
      chooseMessage: s.chooseMessage,
    })),
  )
  const { loadMessages } = store
  useEffect(() => {
    void loadMessages()
  }, [loadMessages])

  const [search, setSearch] = useState('')
  const chosenMissing = store.messageId !== null && !store.messages.some((m) => m.id === store.messageId)
  const result = store.test
  return (
    <aside className="panel rule-editor__test" aria-labelledby="rule-test-title">
      <h2 id="rule-test-title" className="panel__title">
        Test against a message
      </h2>
      <p className="muted">Nothing is stored or sent: the rule's windows and alerts stay as they are.</p>
      <form
        className="input-row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          void loadMessages(search)
        }}
      >
        <input
          type="search"
          className="input input--grow"
          aria-label="Find messages by text"
          placeholder="Find messages by text (Enter)"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </form>
      <div className="input-row">
        <select
          className="select select--grow"
          aria-label="Message to test against"
          value={store.messageId ?? ''}
          onChange={(event) =>
            void store.chooseMessage(event.target.value ? Number(event.target.value) : null)
          }
        >
          <option value="">
            {store.messagesLoad === 'loading'
              ? 'Loading messages…'
              : store.messages.length === 0
                ? search.trim()
                  ? `No message contains "${search.trim()}"`
                  : 'No stored messages yet'
                : 'Choose a message…'}
          </option>
          {chosenMissing && <option value={store.messageId ?? ''}>Message #{store.messageId}</option>}
          {store.messages.map((message) => (
            <option key={message.id} value={message.id}>
              #{message.id} {formatClock(message.receivedAt)} · {message.entity} ·{' '}
              {truncate(message.message ?? '', 40)}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => void loadMessages(search)}>
          Refresh
        </button>
      </div>
      {store.messagesError && <ErrorMessage error={store.messagesError} />}
      {store.messageId !== null && store.liveError && (
        <div className="callout callout--error" role="alert">
          <p className="callout__title">The rule cannot run yet</p>
          <ErrorMessage error={store.liveError} />
        </div>
      )}
      {store.messageId !== null && result && (
        <table className="table table--kv" aria-label="Test result" aria-busy={store.testing}>
          <tbody>
            <tr>
              <th scope="row">Filter</th>
              <td>
                <FilterVerdict filter={result.filter} />
              </td>
            </tr>
            <tr>
              <th scope="row">Window key</th>
              <td className="mono">{result.windowKey ?? <span className="faint">—</span>}</td>
            </tr>
            <tr>
              <th scope="row">Condition</th>
              <td className="mono">
                <ConditionVerdict condition={result.condition} />
              </td>
            </tr>
            <tr>
              <th scope="row">Status</th>
              <td>
                <WindowBefore result={result} />
                {result.windowKey !== null && <span className="muted"> → </span>}
                <StatusReached status={result.status} />
              </td>
            </tr>
            <tr>
              <th scope="row">Actions</th>
              <td>{result.filter.value ? describeActions(result) : <span className="faint">—</span>}</td>
            </tr>
          </tbody>
        </table>
      )}
      {store.messageId !== null && result && result.warnings.length > 0 && (
        <ul className="callout callout--warn" aria-label="Dry-run warnings">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {result?.actions.map((action) => (
        <section
          key={action.index}
          className="test-texts"
          aria-label={`Rendered texts of action ${action.index + 1}`}
        >
          <h3 className="form__title">
            Action {action.index + 1} ({action.kind}) {action.fires ? '— sends' : '— does not send'}
          </h3>
          {Object.entries(action.texts).map(([name, text]) => (
            <p key={name} className="wrap">
              <span className="muted">{name}: </span>
              {text}
            </p>
          ))}
        </section>
      ))}
    </aside>
  )
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
