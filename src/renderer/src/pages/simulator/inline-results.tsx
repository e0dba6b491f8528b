import type { SimInlineQuery } from '@shared/simulator'
import { ErrorMessage } from '../../components/state-view'
import type { AppErrorShape } from '@shared/errors'

export interface InlineResultsProps {
  botUsername: string
  query: SimInlineQuery | null
  busy: boolean
  error: AppErrorShape | null
  onChoose(resultId: string): void
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** One result as a Telegram client lists it: a title and description (photos: their URL; nothing is fetched). */
function resultLabel(r: Record<string, unknown>): { title: string; detail: string; kind: string } {
  const kind = str(r.type).toLowerCase() || 'result'
  const content = (r.input_message_content ?? null) as Record<string, unknown> | null
  const title = str(r.title) || (kind === 'photo' ? 'Photo' : str(r.id))
  const detail =
    str(r.description) ||
    (kind === 'photo' ? str(r.photo_url) || str(r.photo_file_id) : '') ||
    str(content?.message_text) ||
    str(r.message_text)
  return { title, detail, kind }
}

/** The bot's answerInlineQuery results above the composer, as a list the user picks from. */
export function InlineResults({ botUsername, query, busy, error, onChoose }: InlineResultsProps) {
  const results = query?.results ?? []
  return (
    <div className="inline-results" role="region" aria-label="Inline results">
      <p className="inline-results__head muted">
        {busy
          ? `Asking @${botUsername}… (inline_query sent; waiting for answerInlineQuery)`
          : !query
            ? `Inline mode: type a query after @${botUsername}`
            : query.state === 'expired'
              ? `@${botUsername} did not answer within 10 s: its answerInlineQuery now gets "query is too old".`
              : query.state === 'waiting'
                ? `Waiting for @${botUsername} to answer…`
                : query.updateId === null
                  ? `No inline_query update was made (allowed_updates leaves it out).`
                  : results.length === 0
                    ? `@${botUsername} answered with no results.`
                    : `${results.length} result${results.length === 1 ? '' : 's'} from @${botUsername} — pick one to send it`}
      </p>
      {results.length > 0 && (
        <ul className="inline-results__list" role="listbox" aria-label={`Results from @${botUsername}`}>
          {results.map((r, i) => {
            const { title, detail, kind } = resultLabel(r)
            return (
              <li key={`${str(r.id)}-${i}`} role="option" aria-selected="false">
                <button type="button" className="inline-results__item" onClick={() => onChoose(str(r.id))}>
                  <span className="inline-results__text">
                    <span className="inline-results__title">{title}</span>
                    {detail && <span className="muted inline-results__detail">{detail}</span>}
                  </span>
                  <span className="muted inline-results__type">{kind}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  )
}
