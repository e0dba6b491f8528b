import { memo } from 'react'
import type { TranscriptItem } from '@shared/simulator'
import { TelegramText } from '../../components/telegram-text'
import { formatClock } from '../../lib/format'
import { inlineKeyboardOf } from '../../lib/inline-keyboard'
import { MessageFile } from './message-file'

export interface MessageBubbleProps {
  item: TranscriptItem
  /** Shown as "via @bot" on a message sent through the bot's inline mode. */
  botUsername?: string
  onEdit(item: TranscriptItem): void
  onPress(data: string): void
}

/** One message: the user's on the right, the bot's on the left with its inline keyboard. */
export const MessageBubble = memo(function MessageBubble({
  item,
  botUsername,
  onEdit,
  onPress,
}: MessageBubbleProps) {
  const fromUser = item.from === 'user'
  const keyboard = fromUser ? [] : inlineKeyboardOf(item.replyMarkup)
  const time = formatClock(item.date).slice(0, 5)
  return (
    <article
      className={fromUser ? 'bubble bubble--user' : 'bubble bubble--bot'}
      aria-label={`${fromUser ? 'You' : 'Bot'}, message ${item.messageId}`}
    >
      {item.forwardedFrom && <p className="bubble__forwarded">Forwarded from {item.forwardedFrom}</p>}
      {item.viaBot && <span className="bubble__via muted">via @{botUsername ?? 'bot'}</span>}
      {item.file && <MessageFile file={item.file} />}
      {(item.text || !item.file) && (
        <div className="bubble__text">
          <TelegramText text={item.text} parseMode={fromUser ? null : item.parseMode} />
        </div>
      )}
      <div className="bubble__meta">
        {item.edited && <span>edited</span>}
        <time dateTime={item.date}>{time}</time>
        {fromUser && item.updateId !== null && (
          <a
            href={`#/requests?updateId=${item.updateId}`}
            title={`The webhook request of update ${item.updateId}`}
          >
            request
          </a>
        )}
        {!fromUser && <a href="#/alerts?tab=history">alerts</a>}
        {fromUser && (
          <button
            type="button"
            className="link-button"
            aria-label={`Edit message ${item.messageId}`}
            onClick={() => onEdit(item)}
          >
            edit
          </button>
        )}
      </div>
      {keyboard.length > 0 && (
        <div className="bubble__keyboard" role="group" aria-label="Inline keyboard">
          {keyboard.map((row, r) => (
            <div key={r} className="bubble__keyboard-row">
              {row.map((button, b) =>
                button.kind === 'url' ? (
                  <a
                    key={b}
                    className="button bubble__button"
                    href={button.url}
                    target="_blank"
                    rel="noreferrer noopener"
                  >
                    {button.text} ↗
                  </a>
                ) : (
                  <button
                    key={b}
                    type="button"
                    className="button bubble__button"
                    disabled={button.kind !== 'callback'}
                    onClick={() => button.kind === 'callback' && onPress(button.data)}
                  >
                    {button.text}
                  </button>
                ),
              )}
            </div>
          ))}
        </div>
      )}
    </article>
  )
})
