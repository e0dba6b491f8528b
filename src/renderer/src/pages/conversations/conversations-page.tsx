import { useCallback, useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorState, LoadingState } from '../../components/state-view'
import {
  conversationViewFromParams,
  conversationViewToParams,
  type ConversationView,
} from '../../lib/conversation-url'
import { formatClock, formatCountOf } from '../../lib/format'
import { useConversationsStore } from '../../store/conversations-store'
import { useUiStore } from '../../store/ui-store'
import { BotLoopPanel } from './bot-loop-panel'
import { ConversationTimeline } from './conversation-timeline'
import { ScenarioFromChat } from './scenario-from-chat'

export interface ConversationsPageProps {
  params: string
}

export function ConversationsPage({ params }: ConversationsPageProps) {
  const view = useMemo(() => conversationViewFromParams(new URLSearchParams(params)), [params])
  const store = useConversationsStore(
    useShallow((s) => ({
      chats: s.chats,
      chatsLoad: s.chatsLoad,
      chatsError: s.chatsError,
      fetchChats: s.fetchChats,
      open: s.open,
      selectedChat: s.selectedChat,
    })),
  )
  const navigate = useUiStore((s) => s.navigate)
  const { fetchChats, open, chats } = store

  useEffect(() => {
    void fetchChats()
  }, [fetchChats])

  // The URL's chat, else the one open before, else the newest (a new chat's traffic does not switch away).
  const chat = view.chat ?? store.selectedChat ?? chats[0]?.chatId ?? null
  const { method, errorsOnly } = view
  useEffect(() => {
    void open(chat, { ...(method && { method }), ...(errorsOnly && { errorsOnly }) })
  }, [chat, method, errorsOnly, open])

  const onView = useCallback(
    (next: ConversationView) => navigate('conversations', conversationViewToParams(next)),
    [navigate],
  )

  return (
    <section className="page" aria-labelledby="conversations-title">
      <header className="page__header">
        <h1 id="conversations-title">Conversations</h1>
        <p className="muted">
          Your own bot in the loop: each update, its delivery to the bot and every Bot API call the bot made.
        </p>
      </header>
      <BotLoopPanel defaultOpen={store.chatsLoad === 'ready' && chats.length === 0} />
      <div className="page__body two-pane conv">
        <nav className="two-pane__side conv__chats" aria-label="Conversations">
          <h2 className="form__title pad-x">Chats</h2>
          {store.chatsLoad === 'error' && store.chatsError ? (
            <ErrorState
              title="Could not load the chats"
              error={store.chatsError}
              onRetry={() => void fetchChats()}
            />
          ) : store.chatsLoad !== 'ready' ? (
            <LoadingState label="Loading chats…" />
          ) : chats.length === 0 ? (
            <p className="muted pad">
              No traffic yet. Point your bot at the proxy URL above and send it a message.
            </p>
          ) : (
            <ul className="conv__chat-list">
              {chats.map((item) => (
                <li key={item.chatId}>
                  <button
                    type="button"
                    className="conv__chat"
                    aria-current={item.chatId === chat ? 'true' : undefined}
                    onClick={() => onView({ ...view, chat: item.chatId })}
                  >
                    <span className="conv__chat-title">{item.title ?? `Chat ${item.chatId}`}</span>
                    <span className="muted mono">{item.chatId}</span>
                    <span className="muted conv__chat-meta">
                      {formatClock(item.lastTime)} · {formatCountOf(item.updates, 'update')} ·{' '}
                      {formatCountOf(item.calls, 'call')}
                      {item.errors > 0 && (
                        <span className="badge badge--error">{formatCountOf(item.errors, 'error')}</span>
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div className="conv__main">
          {chat !== null && (
            <ScenarioFromChat
              key={chat}
              chatId={chat}
              chatTitle={chats.find((c) => c.chatId === chat)?.title ?? `chat ${chat}`}
            />
          )}
          <ConversationTimeline chat={chat} view={view} onView={onView} />
        </div>
      </div>
    </section>
  )
}
