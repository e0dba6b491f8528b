import { useEffect, useMemo, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { refireWarnings } from '@shared/rule-defaults'
import { ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { useDebouncedCallback } from '../../hooks/use-debounced-callback'
import { formatClock } from '../../lib/format'
import { draftToInput } from '../../lib/rule-draft'
import { isFormLevel } from '../../lib/rule-errors'
import { goToRoute } from '../../lib/location'
import { useRuleEditorStore } from '../../store/rule-editor-store'
import { ActionsEditor } from './actions-editor'
import { CodeField } from './code-field'
import { RuleSettings, RuleWindowFields } from './rule-settings'
import { TestPanel } from './test-panel'

export interface RuleEditorPageProps {
  ruleId: string | null
  params: string
}

const CHECK_DELAY_MS = 400
/** Fields with their own place in the form: an error about anything else shows at the foot. */
const SHOWN_FIELDS = [
  'name',
  'filter',
  'condition',
  'window',
  'groupTags',
  'severity',
  'timeFilter',
  'actions',
]

export function RuleEditorPage({ ruleId, params }: RuleEditorPageProps) {
  const fromMessage = useMemo(() => {
    const value = Number(new URLSearchParams(params).get('fromMessage'))
    return Number.isInteger(value) && value > 0 ? value : null
  }, [params])
  const store = useRuleEditorStore(
    useShallow((s) => ({
      load: s.load,
      loadError: s.loadError,
      draft: s.draft,
      saving: s.saving,
      error: s.error,
      liveError: s.liveError,
      warnings: s.warnings,
      savedAt: s.savedAt,
      tagNames: s.tagNames,
      open: s.open,
      edit: s.edit,
      save: s.save,
      check: s.check,
      loadTagNames: s.loadTagNames,
    })),
  )
  const { open, loadTagNames, check, draft, load } = store
  const refire = useMemo(() => refireWarnings(draftToInput(draft)), [draft])
  const scheduleCheck = useDebouncedCallback(() => void check(), CHECK_DELAY_MS)

  useEffect(() => {
    void open(ruleId, fromMessage)
    void loadTagNames()
  }, [open, loadTagNames, ruleId, fromMessage])

  // Every change is checked by the core as it is typed: syntax and names marked in place, preview refreshed.
  useEffect(() => {
    if (load === 'ready') scheduleCheck()
  }, [draft, load, scheduleCheck])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const id = await store.save()
    if (id && ruleId === null) goToRoute({ page: 'rules', params: '', path: id })
  }

  const problem = store.error ?? store.liveError
  const title = ruleId === null ? 'New rule' : draft.name || 'Rule'
  return (
    <section className="page" aria-labelledby="rule-title">
      <header className="page__header">
        <a className="button button--ghost" href="#/rules">
          ← Rules
        </a>
        <h1 id="rule-title">{load === 'ready' ? title : 'Rule'}</h1>
      </header>
      <div className="page__body page__body--scroll">
        {load === 'error' && store.loadError ? (
          <ErrorState
            title="Could not open the rule"
            error={store.loadError}
            onRetry={() => void open(ruleId, fromMessage)}
          />
        ) : load !== 'ready' ? (
          <LoadingState label="Opening the rule…" />
        ) : (
          <div className="rule-editor">
            <form
              className="rule-editor__form"
              aria-label="Rule"
              onSubmit={(e) => void onSubmit(e)}
              noValidate
            >
              <RuleSettings />
              <section className="panel" aria-labelledby="rule-logic-title">
                <h2 id="rule-logic-title" className="panel__title">
                  When it fires
                </h2>
                <CodeField
                  fieldKey="filter"
                  label="Filter"
                  hint="Which messages this rule looks at. Empty: every message. Ctrl+Space lists fields, functions and tags."
                  value={draft.filter}
                  onChange={(filter) => store.edit({ filter })}
                  mode="expression"
                  scope="filter"
                  tagNames={store.tagNames}
                  error={problem}
                  placeholder="entity = 'telegram' AND message LIKE '/start*'"
                />
                <RuleWindowFields />
                <CodeField
                  fieldKey="condition"
                  label="Condition"
                  hint="Evaluated over the window after each message: false→true opens an alert, true→true repeats, true→false cancels."
                  value={draft.condition}
                  onChange={(condition) => store.edit({ condition })}
                  mode="expression"
                  scope="condition"
                  tagNames={store.tagNames}
                  error={problem}
                  placeholder="true"
                />
              </section>
              <ActionsEditor error={problem} />
              {refire.length > 0 && (
                <ul className="callout callout--warn" aria-label="Rule warnings">
                  {refire.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              )}
              <div className="rule-editor__footer">
                {isFormLevel(store.error, SHOWN_FIELDS) && store.error && (
                  <div className="callout callout--error" role="alert">
                    <ErrorMessage error={store.error} />
                  </div>
                )}
                {store.savedAt && (
                  <p className="callout callout--ok" role="status">
                    Saved at {formatClock(store.savedAt, false)}.{' '}
                    {draft.enabled
                      ? 'The next message it matches uses this version.'
                      : 'It is disabled: it fires nothing until it is enabled.'}{' '}
                    <a href="#/rules">All rules</a>
                    {store.warnings.length > 0 && ' · Warnings:'}
                  </p>
                )}
                {store.warnings.length > 0 && (
                  <ul className="callout callout--warn" aria-label="Warnings">
                    {store.warnings.map((warning) => (
                      <li key={warning}>{warning}</li>
                    ))}
                  </ul>
                )}
                <div className="form__actions">
                  <button type="submit" className="button button--primary" disabled={store.saving}>
                    {store.saving ? 'Saving…' : ruleId === null ? 'Create rule' : 'Save'}
                  </button>
                  <a className="button" href="#/rules">
                    Cancel
                  </a>
                </div>
              </div>
            </form>
            <TestPanel />
          </div>
        )}
      </div>
    </section>
  )
}
