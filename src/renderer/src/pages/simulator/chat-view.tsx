import {
  Fragment,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SimUpdateEntry, TranscriptItem } from '@shared/simulator'
import { ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { Icon } from '../../components/icon'
import { initialsOf } from '../../lib/initials'
import { selectSelectedChat, selectTranscript, useSimulatorStore } from '../../store/simulator-store'
import { MessageBubble } from './message-bubble'
import { MembersPanel } from './members-panel'
import { RecordPanel } from './record-panel'
import { BotPanel } from './bot-panel'
import { DeliveryNote } from './delivery-note'
import { InlineResults } from './inline-results'
import { inlineQueryOf, useSimInlineStore } from '../../store/simulator-inline-store'

/** How often the open chat's update log refreshes (a waiting update's reason changes with time). */
const DELIVERY_REFRESH_MS = 2000
const NO_ENTRIES: SimUpdateEntry[] = []

/** The open chat: its messages as Telegram shows them, and a composer that writes as the fake user. */
export function ChatView() {
  const chat = useSimulatorStore(selectSelectedChat)
  const items = useSimulatorStore(selectTranscript)
  const store = useSimulatorStore(
    useShallow((s) => ({
      load: s.transcriptLoad,
      error: s.transcriptError,
      sending: s.sending,
      sendError: s.sendError,
      send: s.send,
      sendFile: s.sendFile,
      press: s.press,
      select: s.select,
    })),
  )
  const [text, setText] = useState('')
  const [editing, setEditing] = useState<TranscriptItem | null>(null)
  const log = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLTextAreaElement>(null)
  const picker = useRef<HTMLInputElement>(null)
  const inline = useSimInlineStore(
    useShallow((s) => ({
      query: s.inline,
      chatId: s.inlineChatId,
      busy: s.inlineBusy,
      error: s.inlineError,
      run: s.runInline,
      choose: s.chooseInline,
      clear: s.clearInline,
      fetchDeliveries: s.fetchDeliveries,
    })),
  )
  const chatId = chat?.id ?? null
  const entries = useSimInlineStore((s) =>
    chatId === null ? NO_ENTRIES : (s.deliveries[chatId] ?? NO_ENTRIES),
  )
  const inlineQuery = chat && !editing ? inlineQueryOf(text, chat.botUsername) : null
  const { run: runInline, clear: clearInline, fetchDeliveries } = inline

  // `@bot query` in the composer: an inline query, sent once typing pauses (Telegram sends as you type).
  useEffect(() => {
    if (inlineQuery === null) {
      clearInline()
      return
    }
    const timer = setTimeout(() => void runInline(inlineQuery), 350)
    return () => clearTimeout(timer)
  }, [inlineQuery, runInline, clearInline])

  // The update log of the open chat: fetched now, after each new message, and every few seconds.
  useEffect(() => {
    if (chatId === null) return
    void fetchDeliveries(chatId)
    const timer = setInterval(() => void fetchDeliveries(chatId), DELIVERY_REFRESH_MS)
    return () => clearInterval(timer)
  }, [chatId, items.length, fetchDeliveries])

  const notes = useMemo(() => notesOf(entries), [entries])

  // New messages scroll into view, as in a chat app.
  useEffect(() => {
    const element = log.current
    if (element) element.scrollTop = element.scrollHeight
  }, [items.length, store.load, entries])

  // A photo's bytes arrive after its message: once it is drawn the log grows, so the newest stays in view.
  useEffect(() => {
    const element = log.current
    if (!element) return
    const onLoad = () => {
      element.scrollTop = element.scrollHeight
    }
    element.addEventListener('load', onLoad, true)
    return () => element.removeEventListener('load', onLoad, true)
  }, [chat?.id])

  if (!chat) return null
  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    if (!text.trim()) return
    const sent = await store.send(text, editing ? { editMessageId: editing.messageId } : {})
    if (sent) {
      setText('')
      setEditing(null)
    }
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void submit(event)
    if (event.key === 'Escape' && editing) {
      setEditing(null)
      setText('')
    }
  }
  // A picked file goes at once, with the composer's text as its caption (as Telegram's apps do).
  const onPick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    if (await store.sendFile(file, text)) setText('')
  }
  const startEdit = (item: TranscriptItem) => {
    setEditing(item)
    setText(item.text)
    input.current?.focus()
  }
  const unavailable = store.sendError?.kind === 'unavailable'

  return (
    <section className="chat" aria-label={`Chat with ${chat.title}`}>
      <header className="chat__header">
        <span className="avatar" aria-hidden="true">
          {initialsOf(chat.title)}
        </span>
        <div>
          <h2 className="chat__title">{chat.title}</h2>
          <p className="muted">
            {chat.type === 'private' ? 'private chat' : chat.type} · as {chat.user.firstName}
            {chat.user.username && ` (@${chat.user.username})`} · with @{chat.botUsername} · chat id{' '}
            <span className="mono">{chat.id}</span>
          </p>
        </div>
      </header>
      <RecordPanel chatId={chat.id} chatTitle={chat.title} />
      <MembersPanel />
      <BotPanel />
      <div ref={log} className="chat__log" role="log" aria-label="Messages" aria-live="polite">
        {store.load === 'error' && store.error ? (
          <ErrorState
            title="Could not load the chat"
            error={store.error}
            onRetry={() => void store.select(chat.id)}
          />
        ) : store.load !== 'ready' ? (
          <LoadingState label="Loading messages…" />
        ) : items.length === 0 ? (
          <p className="chat__empty muted">No messages yet. Say hello, or send /start.</p>
        ) : (
          <>
            {items.map((item) => (
              <Fragment key={item.messageId}>
                <MessageBubble
                  item={item}
                  botUsername={chat.botUsername}
                  onEdit={startEdit}
                  onPress={(data) => void store.press(item.messageId, data)}
                />
                {notes.byMessage.get(item.messageId)?.map((entry, i) => (
                  <DeliveryNote key={i} entry={entry} align={item.from === 'user' ? 'end' : 'start'} />
                ))}
              </Fragment>
            ))}
            {notes.loose.map((entry, i) => (
              <DeliveryNote key={`loose-${i}`} entry={entry} align="end" />
            ))}
          </>
        )}
      </div>
      {store.sendError && (
        <div className="callout callout--error chat__error" role="alert">
          {unavailable ? (
            <p>The simulator is not available in this build yet: {store.sendError.message}</p>
          ) : (
            <ErrorMessage error={store.sendError} />
          )}
        </div>
      )}
      {inlineQuery !== null && inline.chatId === chat.id && (
        <InlineResults
          botUsername={chat.botUsername}
          query={inline.query}
          busy={inline.busy}
          error={inline.error}
          onChoose={(resultId) =>
            void inline.choose(resultId).then((sent) => {
              if (sent) setText('')
            })
          }
        />
      )}
      <form className="chat__composer" onSubmit={(e) => void submit(e)}>
        {editing && (
          <div className="chat__editing">
            <span>
              Editing: <span className="muted">{editing.text}</span>
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setEditing(null)
                setText('')
              }}
            >
              Cancel edit
            </button>
          </div>
        )}
        <input
          ref={picker}
          type="file"
          className="chat__file-input"
          aria-label="Photo or file to send"
          onChange={(event) => void onPick(event)}
        />
        <button
          type="button"
          className="button"
          aria-label="Attach a photo or file"
          title="Send a photo or file (the text becomes its caption)"
          disabled={store.sending || editing !== null}
          onClick={() => picker.current?.click()}
        >
          <Icon name="attach" />
        </button>
        <textarea
          ref={input}
          className="input textarea chat__input"
          rows={1}
          aria-label="Message"
          placeholder={`Write as ${chat.user.firstName}… (/commands work; Enter sends, Shift+Enter breaks the line)`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary" disabled={store.sending || !text.trim()}>
          <Icon name="send" />
          {editing ? 'Save edit' : 'Send'}
        </button>
      </form>
    </section>
  )
}

/**
 * Update log entries with a "why not" line: those of a transcript message go under it; the others
 * (inline queries, my_chat_member, …) go at the end, newest last.
 */
function notesOf(entries: readonly SimUpdateEntry[]) {
  const byMessage = new Map<number, SimUpdateEntry[]>()
  const loose: SimUpdateEntry[] = []
  for (const entry of entries) {
    if (!entry.line) continue
    if (entry.messageId === null) loose.push(entry)
    else byMessage.set(entry.messageId, [...(byMessage.get(entry.messageId) ?? []), entry])
  }
  return { byMessage, loose: loose.slice(-5) }
}
