import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ForwardingState } from '@shared/bot-loop'
import { CopyButton } from '../../components/copy-button'
import { ErrorState, LoadingState } from '../../components/state-view'
import { botSnippets } from '../../lib/bot-snippets'
import { useForwardingStore } from '../../store/forwarding-store'
import { useStatusStore } from '../../store/status-store'
import { ForwardingForm } from './forwarding-form'

export interface BotLoopPanelProps {
  /** Open until the user toggles it (the page opens it while there is no traffic yet). */
  defaultOpen: boolean
}

/** The proxy URL a bot points its API root at, per-library snippets, and where updates are forwarded. */
export function BotLoopPanel({ defaultOpen }: BotLoopPanelProps) {
  const proxyUrl = useStatusStore((s) => s.status?.botApiProxyUrl ?? null)
  const forwarding = useForwardingStore(
    useShallow((s) => ({
      forwarding: s.forwarding,
      load: s.load,
      error: s.error,
      saving: s.saving,
      saveError: s.saveError,
      fetch: s.fetch,
      save: s.save,
    })),
  )
  const [library, setLibrary] = useState('grammy')
  const [toggled, setToggled] = useState<boolean | null>(null)
  const { fetch } = forwarding
  useEffect(() => {
    void fetch()
  }, [fetch])

  const snippets = proxyUrl ? botSnippets(proxyUrl) : []
  const snippet = snippets.find((s) => s.id === library) ?? snippets[0]
  return (
    <details
      className="panel conv-loop"
      open={toggled ?? defaultOpen}
      onToggle={(event) => setToggled(event.currentTarget.open)}
    >
      <summary className="conv-loop__summary">
        Bot in the loop
        <span className="muted conv-loop__glance">
          {proxyUrl && ` · proxy ${proxyUrl}`}
          {forwarding.forwarding && ` · ${forwardingGlance(forwarding.forwarding)}`}
        </span>
      </summary>
      <div className="conv-loop__body">
        <section className="conv-loop__proxy" aria-labelledby="bot-proxy-title">
          <h2 id="bot-proxy-title" className="form__title">
            Bot API proxy
          </h2>
          {proxyUrl ? (
            <>
              <div className="conv-loop__row">
                <code className="conv-loop__url" aria-label="Bot API proxy URL">
                  {proxyUrl}
                </code>
                <CopyButton value={proxyUrl} label="Copy proxy URL" className="button button--small" />
              </div>
              <div className="conv-loop__row">
                <label className="field__label" htmlFor="bot-library">
                  Library
                </label>
                <select
                  id="bot-library"
                  className="input input--narrow"
                  value={snippet?.id}
                  onChange={(event) => setLibrary(event.target.value)}
                >
                  {snippets.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </select>
                {snippet && (
                  <CopyButton value={snippet.code} label="Copy snippet" className="button button--small" />
                )}
              </div>
              {snippet && (
                <pre className="conv-loop__snippet mono" aria-label={`${snippet.label} snippet`}>
                  {snippet.code}
                </pre>
              )}
            </>
          ) : (
            <p className="muted">The proxy URL appears once the receiver status is known.</p>
          )}
        </section>
        <section className="conv-loop__forward" aria-labelledby="bot-forward-title">
          <h2 id="bot-forward-title" className="form__title">
            Forwarding to your bot
          </h2>
          {forwarding.forwarding ? (
            <ForwardingForm
              key={`${forwarding.forwarding.url ?? ''}|${forwarding.forwarding.setBy ?? ''}`}
              forwarding={forwarding.forwarding}
              saving={forwarding.saving}
              error={forwarding.saveError}
              onSave={forwarding.save}
            />
          ) : forwarding.load === 'error' && forwarding.error ? (
            <ErrorState
              title="Could not read the forwarding"
              error={forwarding.error}
              onRetry={() => void fetch()}
            />
          ) : (
            <LoadingState label="Reading the forwarding…" />
          )}
        </section>
      </div>
    </details>
  )
}

function forwardingGlance(forwarding: ForwardingState): string {
  const target =
    forwarding.mode === 'webhook' ? `forwarding to ${forwarding.url ?? ''}` : 'bot polls getUpdates'
  const pending = forwarding.pendingCount > 0 ? `, ${forwarding.pendingCount} pending` : ''
  return `${target}${pending}${forwarding.lastErrorMessage ? `, last error: ${forwarding.lastErrorMessage}` : ''}`
}
