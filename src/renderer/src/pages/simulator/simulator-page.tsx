import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { Icon } from '../../components/icon'
import { initialsOf } from '../../lib/initials'
import { useSimulatorStore } from '../../store/simulator-store'
import { useTelegramStore } from '../../store/telegram-store'
import { ChatView } from './chat-view'
import { FaultsPanel } from './faults-panel'
import { FormattingLab } from './formatting-lab'
import { NewChatDialog } from './new-chat-dialog'
import { WebhookPanel } from './webhook-panel'

export function SimulatorPage() {
  const store = useSimulatorStore(
    useShallow((s) => ({
      chatIds: s.chatIds,
      chats: s.chats,
      load: s.load,
      error: s.error,
      selectedId: s.selectedId,
      fetchChats: s.fetchChats,
      select: s.select,
    })),
  )
  const telegram = useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      fetch: s.fetch,
      switchToSimulator: s.switchToSimulator,
      busy: s.busy === 'simulator',
      error: s.busy === null ? s.error : null,
    })),
  )
  const [creating, setCreating] = useState(false)
  const { fetchChats, select, selectedId, chatIds } = store
  const fetchTelegram = telegram.fetch

  useEffect(() => {
    void fetchChats()
    void fetchTelegram()
  }, [fetchChats, fetchTelegram])

  // Open the newest chat when none is chosen yet.
  const first = chatIds[0]
  useEffect(() => {
    if (selectedId === null && first !== undefined) void select(first)
  }, [selectedId, first, select])

  const selected = selectedId === null ? undefined : store.chats[selectedId]
  const connection = telegram.connection
  const bot = connection?.bot ?? null
  return (
    <section className="page" aria-labelledby="simulator-title">
      <header className="page__header">
        <h1 id="simulator-title">Simulator</h1>
        <p className="muted">
          {bot
            ? `Fake users write to ${connection?.simulated ? 'the simulated bot' : 'the bot'} @${bot.username}; its replies appear here as Telegram shows them.`
            : 'Fake Telegram users and chats, without a phone or network.'}
        </p>
      </header>
      {connection && !connection.simulated && (
        <div className="callout sim-banner">
          <span>
            {bot
              ? `Chats talk to @${bot.username} through the public Bot API. To run the whole loop here, use a simulated bot.`
              : 'No bot is connected. A simulated bot runs the whole loop on this machine: users, updates, webhook, replies.'}
          </span>
          <button
            type="button"
            className="button"
            disabled={telegram.busy}
            onClick={() => void telegram.switchToSimulator()}
          >
            {telegram.busy ? 'Starting…' : 'Use a simulated bot'}
          </button>
          {telegram.error && <ErrorMessage error={telegram.error} />}
        </div>
      )}
      <div className="page__body two-pane sim">
        <nav className="two-pane__side sim__chats" aria-label="Chats">
          <div className="sim__chats-head">
            <h2 className="form__title">Chats</h2>
            <button type="button" className="button button--small" onClick={() => setCreating(true)}>
              <Icon name="plus" />
              New chat
            </button>
          </div>
          {store.load === 'error' && store.error ? (
            <ErrorState title="Could not load chats" error={store.error} onRetry={() => void fetchChats()} />
          ) : store.load !== 'ready' ? (
            <LoadingState label="Loading chats…" />
          ) : chatIds.length === 0 ? (
            <p className="muted pad">No chats yet. Create a fake user or group to start.</p>
          ) : (
            <ul className="sim__chat-list">
              {chatIds.map((id) => {
                const chat = store.chats[id]
                if (!chat) return null
                return (
                  <li key={id}>
                    <button
                      type="button"
                      className="sim__chat"
                      aria-current={id === selectedId ? 'true' : undefined}
                      onClick={() => void select(id)}
                    >
                      <span className="avatar" aria-hidden="true">
                        {initialsOf(chat.title)}
                      </span>
                      <span className="sim__chat-text">
                        <span className="sim__chat-title">{chat.title}</span>
                        <span className="muted">
                          {chat.type} · @{chat.botUsername}
                        </span>
                      </span>
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
        </nav>
        <div className="sim__main">
          {selectedId === null ? (
            <div className="state-view">
              <h2 className="state-view__title">No chat open</h2>
              <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
                New chat
              </button>
            </div>
          ) : (
            <ChatView />
          )}
          {selected && <WebhookPanel botId={selected.botId} botUsername={selected.botUsername} />}
          <FaultsPanel />
          <FormattingLab />
        </div>
      </div>
      <NewChatDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  )
}
