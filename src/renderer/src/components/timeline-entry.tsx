import { memo } from 'react'
import type { BotCall, ForwardAttempt, ForwardedUpdate, TimelineItem } from '@shared/bot-loop'
import { buildBotCallCurl } from '../lib/curl'
import { formatClock } from '../lib/format'
import { formatHash } from '../lib/route'
import { attemptOutcome, callOutcome, isTimelineError } from '../lib/timeline'
import { CopyButton } from './copy-button'
import { TelegramText } from './telegram-text'

export interface TimelineEntryProps {
  item: TimelineItem
}

// Memoised: a live timeline keeps each entry's object, so only new or changed entries render again.
/** One entry of a conversation: the update received, an attempt to deliver it, or a call the bot made. */
export const TimelineEntry = memo(function TimelineEntry({ item }: TimelineEntryProps) {
  const className = `timeline__entry timeline__entry--${item.kind}${isTimelineError(item) ? ' is-error' : ''}`
  switch (item.kind) {
    case 'update':
      return <UpdateEntry update={item.update} className={className} />
    case 'forward':
      return <ForwardEntry attempt={item.attempt} className={className} />
    case 'call':
      return <CallEntry call={item.call} className={className} />
  }
})

function Time({ iso }: { iso: string }) {
  return (
    <time className="timeline__time mono" dateTime={iso}>
      {formatClock(iso)}
    </time>
  )
}

function UpdateEntry({ update, className }: { update: ForwardedUpdate; className: string }) {
  return (
    <article className={className} aria-label={`Update ${update.updateId}: ${update.updateType}`}>
      <Time iso={update.time} />
      <span className="badge">update</span>
      <span className="timeline__what mono">{update.updateType}</span>
      {update.text !== null && <span className="timeline__text">{update.text}</span>}
      <span className={update.state === 'dropped' ? 'badge badge--error' : 'badge'}>{update.state}</span>
      {update.requestId !== null && (
        <a
          className="timeline__link"
          href={formatHash({ page: 'requests', params: `open=${update.requestId}` })}
          aria-label={`Open request ${update.requestId}`}
        >
          request #{update.requestId}
        </a>
      )}
    </article>
  )
}

function ForwardEntry({ attempt, className }: { attempt: ForwardAttempt; className: string }) {
  return (
    <article
      className={className}
      aria-label={`Forward attempt ${attempt.attempt} of update ${attempt.updateId}`}
    >
      <Time iso={attempt.time} />
      <span className="badge">forward</span>
      <span className="timeline__what">attempt {attempt.attempt}</span>
      <span className={attempt.delivered ? 'badge badge--status-2xx' : 'badge badge--error'}>
        {attemptOutcome(attempt)}
      </span>
      <span className="muted mono">{Math.round(attempt.durationMs)} ms</span>
      <span className="muted mono timeline__url" title={attempt.url}>
        {attempt.url}
      </span>
    </article>
  )
}

function CallEntry({ call, className }: { call: BotCall; className: string }) {
  const parseMode = typeof call.params.parse_mode === 'string' ? call.params.parse_mode : null
  return (
    <article className={className} aria-label={`Bot call ${call.method}${call.ok ? '' : ' (failed)'}`}>
      <Time iso={call.time} />
      <span className="badge">call</span>
      <span className="timeline__what method">{call.method}</span>
      <span className={call.ok ? 'badge badge--status-2xx' : 'badge badge--error'}>{callOutcome(call)}</span>
      <span className="muted mono">{Math.round(call.durationMs)} ms</span>
      <span className="muted">
        answered by {call.answeredBy}
        {call.source === 'webhook-reply' && ', sent in the webhook answer'}
      </span>
      <CopyButton value={buildBotCallCurl(call)} label="Copy as curl" className="button button--small" />
      {call.text !== null && (
        <div className="timeline__bubble">
          <TelegramText text={call.text} parseMode={parseMode} />
        </div>
      )}
      {call.warning && <p className="timeline__warning">{call.warning}</p>}
      <details className="timeline__json">
        <summary>Parameters and result</summary>
        <pre className="timeline__pre mono">
          {JSON.stringify({ params: call.params, result: call.result, files: call.files }, null, 2)}
        </pre>
      </details>
    </article>
  )
}
