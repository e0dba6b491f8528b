import type { AppErrorShape } from '@shared/errors'
import { ParseMode } from '@shared/rules'
import { Field } from '../../components/field'
import { describedBy } from '../../lib/dom-ids'
import {
  markSecretHeader,
  secretHeaderRows,
  setNewSecretValue,
  type ActionDraft,
  type HttpActionDraft,
} from '../../lib/rule-draft'
import { errorFor } from '../../lib/rule-errors'
import { useRuleEditorStore } from '../../store/rule-editor-store'
import { CodeField } from './code-field'
import { TelegramPreview } from './telegram-preview'

export interface ActionFieldsProps {
  index: number
  action: ActionDraft
  onChange(patch: Partial<ActionDraft>): void
  error: AppErrorShape | null
}

const STATUSES = ['OPEN', 'REPEAT', 'CANCEL'] as const
const METHODS: readonly HttpActionDraft['method'][] = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']
const PLACEHOLDER_HINT = 'Type ${ for placeholders: ${entity}, ${message}, ${tags.…}, ${status}, ${rule}…'

/** The fields of one action kind; every text is a template with `${…}` placeholders. */
export function ActionFields({ index, action, onChange, error }: ActionFieldsProps) {
  const tagNames = useRuleEditorStore((s) => s.tagNames)
  const key = (name: string) => `actions.${index}.${name}`
  const template = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    single = false,
    hint?: string,
  ) => (
    <CodeField
      fieldKey={key(name)}
      label={label}
      hint={hint}
      value={value}
      onChange={set}
      mode="template"
      scope="template"
      tagNames={tagNames}
      error={error}
      singleLine={single}
    />
  )
  const id = (name: string) => `rule-actions-${index}-${name}`

  if (action.kind === 'telegram') {
    return (
      <div className="action-fields">
        {template(
          'chatId',
          'Chat ID',
          action.chatId,
          (chatId) => onChange({ chatId }),
          true,
          '${tags.message.chat.id} answers the chat the message came from; a number, a negative group id or @channel also work.',
        )}
        {template('text', 'Text', action.text, (text) => onChange({ text }), false, PLACEHOLDER_HINT)}
        <TelegramPreview index={index} text={action.text} parseMode={action.parseMode} />
        <div className="check-row">
          <label className="check">
            Parse mode
            <select
              className="select"
              value={action.parseMode}
              onChange={(e) => onChange({ parseMode: e.target.value as ParseMode })}
            >
              {ParseMode.options.map((mode) => (
                <option key={mode}>{mode}</option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={action.silent}
              onChange={(e) => onChange({ silent: e.target.checked })}
            />
            Silent (no sound)
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={action.linkPreview}
              onChange={(e) => onChange({ linkPreview: e.target.checked })}
            />
            Link preview
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={action.replyToMessage}
              onChange={(e) => onChange({ replyToMessage: e.target.checked })}
            />
            Reply to the message
          </label>
        </div>
        <StatusTexts index={index} action={action} onChange={onChange} error={error} />
      </div>
    )
  }
  if (action.kind === 'http') {
    const headersError = errorFor(error, key('headers'))
    return (
      <div className="action-fields">
        <div className="action-fields__row">
          <label className="field">
            <span className="field__label">Method</span>
            <select
              className="select"
              value={action.method}
              onChange={(e) => onChange({ method: e.target.value as HttpActionDraft['method'] })}
            >
              {METHODS.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          </label>
          {template('url', 'URL', action.url, (url) => onChange({ url }), true)}
        </div>
        <Field
          id={id('headers')}
          label="Headers"
          hint="One Name: value per line; placeholders work in values. A secret header's stored value shows as ***: keep it, replace it below, or empty it to clear it."
          error={headersError}
        >
          <textarea
            id={id('headers')}
            className="input textarea mono"
            rows={3}
            value={action.headersText}
            spellCheck={false}
            aria-describedby={describedBy(id('headers'), { hint: true, error: headersError })}
            onChange={(e) => onChange({ headersText: e.target.value })}
          />
        </Field>
        <SecretHeaders action={action} onChange={onChange} />
        <Field id={id('content-type')} label="Content type">
          <input
            id={id('content-type')}
            className="input"
            value={action.contentType}
            onChange={(e) => onChange({ contentType: e.target.value })}
          />
        </Field>
        {template('body', 'Body', action.body, (body) => onChange({ body }), false, PLACEHOLDER_HINT)}
        <StatusTexts index={index} action={action} onChange={onChange} error={error} />
      </div>
    )
  }
  return (
    <div className="action-fields">
      {template('title', 'Title', action.title, (title) => onChange({ title }), true)}
      {template('text', 'Text', action.text, (text) => onChange({ text }), false, PLACEHOLDER_HINT)}
    </div>
  )
}

/** ATSD's per-status texts (first/repeat/cancel parameters): each replaces the text for its status. */
function StatusTexts({ index, action, onChange, error }: ActionFieldsProps) {
  const tagNames = useRuleEditorStore((s) => s.tagNames)
  const texts = action.texts ?? {}
  const set = (status: (typeof STATUSES)[number], value: string) => {
    const next = { ...texts, [status]: value }
    if (!value) delete next[status]
    onChange({ texts: Object.keys(next).length > 0 ? next : undefined })
  }
  return (
    <details className="status-texts" open={Object.keys(texts).length > 0}>
      <summary>A different text per status</summary>
      {STATUSES.map((status) => (
        <CodeField
          key={status}
          fieldKey={`actions.${index}.texts.${status}`}
          label={`Text on ${status}`}
          value={texts[status] ?? ''}
          onChange={(value) => set(status, value)}
          mode="template"
          scope="template"
          tagNames={tagNames}
          error={error}
          placeholder="Empty: the text above"
        />
      ))}
    </details>
  )
}

/**
 * Which headers' values are secrets: kept in the secret store, shown as `***` (the lines above keep the
 * placeholder), masked in the delivery log, its API and exports. Authorization, X-Api-Key and names with
 * token, secret, password… always are; any other can be marked (issue 18 item 13). A stored value is
 * replaced in its password field; emptying the line's value clears it.
 */
function SecretHeaders({
  action,
  onChange,
}: {
  action: HttpActionDraft
  onChange(patch: Partial<HttpActionDraft>): void
}) {
  const rows = secretHeaderRows(action.headersText, action.secretHeaders)
  if (rows.length === 0) return null
  const stored = rows.filter((row) => row.stored)
  return (
    <fieldset className="secret-headers">
      <legend className="field__label">Secret headers (kept in the secret store, shown as ***)</legend>
      <div className="check-row">
        {rows.map((row) => (
          <label key={row.name} className="check">
            <input
              type="checkbox"
              checked={row.always || row.marked}
              disabled={row.always}
              onChange={(e) =>
                onChange({
                  secretHeaders: markSecretHeader(action.secretHeaders, row.name, e.target.checked),
                })
              }
            />
            {row.name}
            {row.always && <span className="muted">(always)</span>}
          </label>
        ))}
      </div>
      {stored.map((row) => (
        <label key={row.name} className="secret-headers__replace">
          <span>Replace {row.name}</span>
          <input
            className="input mono"
            type="password"
            autoComplete="off"
            placeholder="Stored: leave empty to keep it"
            value={action.newSecretValues[row.name] ?? ''}
            onChange={(e) =>
              onChange({
                newSecretValues: setNewSecretValue(action.newSecretValues, row.name, e.target.value),
              })
            }
          />
        </label>
      ))}
    </fieldset>
  )
}
