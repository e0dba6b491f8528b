import { useShallow } from 'zustand/react/shallow'
import type { AppErrorShape } from '@shared/errors'
import { Icon } from '../../components/icon'
import type { ActionDraft, ActionKind } from '../../lib/rule-draft'
import { errorFor } from '../../lib/rule-errors'
import { useRuleEditorStore } from '../../store/rule-editor-store'
import { ActionFields } from './action-fields'
import { ActionPreview } from './action-preview'
import { RepeatStrategy } from './repeat-strategy'

const KIND_LABEL: Record<ActionKind, string> = {
  telegram: 'Telegram message',
  http: 'HTTP request',
  desktop: 'Desktop notification',
}
const STATUSES = ['OPEN', 'REPEAT', 'CANCEL'] as const

export interface ActionsEditorProps {
  error: AppErrorShape | null
}

/** What the rule does when its alert opens, repeats or cancels. */
export function ActionsEditor({ error }: ActionsEditorProps) {
  const { actions, addAction } = useRuleEditorStore(
    useShallow((s) => ({ actions: s.draft.actions, addAction: s.addAction })),
  )
  return (
    <section className="panel" aria-labelledby="rule-actions-title">
      <h2 id="rule-actions-title" className="panel__title">
        Actions
      </h2>
      {actions.length === 0 && <p className="muted">No actions: alerts open and close, nothing is sent.</p>}
      {actions.map((action, index) => (
        <ActionCard key={index} index={index} action={action} error={error} />
      ))}
      <div className="form__actions">
        {(Object.keys(KIND_LABEL) as ActionKind[]).map((kind) => (
          <button key={kind} type="button" className="button" onClick={() => addAction(kind)}>
            <Icon name="plus" />
            {KIND_LABEL[kind]}
          </button>
        ))}
      </div>
    </section>
  )
}

interface ActionCardProps {
  index: number
  action: ActionDraft
  error: AppErrorShape | null
}

function ActionCard({ index, action, error }: ActionCardProps) {
  const { editAction, removeAction } = useRuleEditorStore(
    useShallow((s) => ({ editAction: s.editAction, removeAction: s.removeAction })),
  )
  const edit = (patch: Partial<ActionDraft>) => editAction(index, patch)
  const name = `Action ${index + 1}: ${KIND_LABEL[action.kind]}`
  const onError = errorFor(error, `actions.${index}.on`)
  const toggleStatus = (status: (typeof STATUSES)[number], on: boolean) =>
    edit({
      on: on
        ? STATUSES.filter((s) => s === status || action.on.includes(s))
        : action.on.filter((s) => s !== status),
    })
  return (
    <section className="action-card" aria-label={name}>
      <div className="action-card__head">
        <h3 className="form__title">{name}</h3>
        <label className="check">
          <input
            type="checkbox"
            checked={action.enabled}
            onChange={(e) => edit({ enabled: e.target.checked })}
          />
          Enabled
        </label>
        <button
          type="button"
          className="button button--small button--danger-ghost"
          aria-label={`Remove action ${index + 1}`}
          onClick={() => removeAction(index)}
        >
          Remove
        </button>
      </div>
      <fieldset className="choice-group">
        <legend>Fires on</legend>
        <div className="check-row">
          {STATUSES.map((status) => (
            <label key={status} className="check">
              <input
                type="checkbox"
                checked={action.on.includes(status)}
                onChange={(e) => toggleStatus(status, e.target.checked)}
              />
              {status}
            </label>
          ))}
        </div>
        {onError && (
          <p className="field__error" role="alert">
            {onError}
          </p>
        )}
      </fieldset>
      {action.on.includes('REPEAT') && (
        <RepeatStrategy index={index} action={action} onChange={edit} error={error} />
      )}
      <ActionFields index={index} action={action} onChange={edit} error={error} />
      <ActionPreview index={index} />
    </section>
  )
}
