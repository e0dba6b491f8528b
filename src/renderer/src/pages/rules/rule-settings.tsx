import { useShallow } from 'zustand/react/shallow'
import { SEVERITY_NAMES } from '@shared/message'
import { Field } from '../../components/field'
import { describedBy } from '../../lib/dom-ids'
import { errorFor } from '../../lib/rule-errors'
import { INTERVAL_UNITS, type GroupTagsMode, type WindowKind } from '../../lib/rule-draft'
import { useRuleEditorStore } from '../../store/rule-editor-store'

/** Name, severity, enabled, and the rarely needed ATSD options. */
export function RuleSettings() {
  const { draft, edit, error } = useRuleEditorStore(
    useShallow((s) => ({ draft: s.draft, edit: s.edit, error: s.error ?? s.liveError })),
  )
  const nameError = errorFor(error, 'name')
  const timeFilterError = errorFor(error, 'timeFilter')
  return (
    <section className="panel" aria-labelledby="rule-basics-title">
      <h2 id="rule-basics-title" className="panel__title">
        Rule
      </h2>
      <div className="form__grid">
        <Field id="rule-name" label="Name" error={nameError}>
          <input
            id="rule-name"
            className="input"
            value={draft.name}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy('rule-name', { error: nameError })}
            onChange={(event) => edit({ name: event.target.value })}
          />
        </Field>
        <Field id="rule-severity" label="Severity" hint="UNDEFINED: the alert takes the message's severity.">
          <select
            id="rule-severity"
            className="select"
            value={draft.severity}
            aria-describedby={describedBy('rule-severity', { hint: true })}
            onChange={(event) => edit({ severity: event.target.value as (typeof SEVERITY_NAMES)[number] })}
          >
            {SEVERITY_NAMES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </Field>
        <div className="field field--switch">
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={draft.enabled}
              onChange={(e) => edit({ enabled: e.target.checked })}
            />
            Enabled
          </label>
        </div>
      </div>

      <details className="rule-advanced">
        <summary>More: time filter, leaving events, description</summary>
        <div className="form__grid">
          <Field
            id="rule-time-filter"
            label="Time filter"
            hint='Drop messages dated further than this from now, e.g. "1 minute". Empty: keep all.'
            error={timeFilterError}
          >
            <input
              id="rule-time-filter"
              className="input"
              value={draft.timeFilter}
              aria-describedby={describedBy('rule-time-filter', { hint: true, error: timeFilterError })}
              onChange={(event) => edit({ timeFilter: event.target.value })}
            />
          </Field>
          <Field id="rule-description" label="Description">
            <input
              id="rule-description"
              className="input"
              value={draft.description}
              onChange={(event) => edit({ description: event.target.value })}
            />
          </Field>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.leavingEvents}
            onChange={(event) => edit({ leavingEvents: event.target.checked })}
          />
          Re-check the condition when a message leaves a time window
        </label>
      </details>
    </section>
  )
}

/** Grouping and window: which messages share a window, and how many of them it keeps. */
export function RuleWindowFields() {
  const { draft, edit, error } = useRuleEditorStore(
    useShallow((s) => ({ draft: s.draft, edit: s.edit, error: s.error ?? s.liveError })),
  )
  const windowError = errorFor(error, 'window')
  const tagsError = errorFor(error, 'groupTags')
  return (
    <>
      <fieldset className="choice-group">
        <legend>Grouping</legend>
        <p className="field__hint">One window, and one alert, per group of messages.</p>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.groupByEntity}
            onChange={(event) => edit({ groupByEntity: event.target.checked })}
          />
          By entity
        </label>
        <div className="input-row" role="radiogroup" aria-label="By tags">
          <span className="muted">By tags:</span>
          {(['none', 'all', 'list'] as const).map((mode: GroupTagsMode) => (
            <label key={mode} className="check">
              <input
                type="radio"
                name="rule-group-tags"
                checked={draft.groupTagsMode === mode}
                onChange={() => edit({ groupTagsMode: mode })}
              />
              {mode === 'none' ? 'none' : mode === 'all' ? 'all tags' : 'these tags'}
            </label>
          ))}
          {draft.groupTagsMode === 'list' && (
            <input
              className="input input--wide mono"
              aria-label="Grouping tags"
              placeholder="message.chat.id, message.from.id"
              aria-invalid={tagsError ? true : undefined}
              value={draft.groupTagsText}
              onChange={(event) => edit({ groupTagsText: event.target.value })}
            />
          )}
        </div>
        {tagsError && (
          <p className="field__error" role="alert">
            {tagsError}
          </p>
        )}
      </fieldset>

      <fieldset className="choice-group rule-window">
        <legend>Window</legend>
        <div className="input-row">
          <select
            className="select"
            aria-label="Window kind"
            value={draft.windowKind}
            onChange={(event) => edit({ windowKind: event.target.value as WindowKind })}
          >
            <option value="length">the last N messages — length(N)</option>
            <option value="time">the messages of the last — time(N unit)</option>
          </select>
          <input
            className="input input--narrow"
            type="number"
            min={1}
            aria-label={draft.windowKind === 'length' ? 'Window length' : 'Window time'}
            aria-invalid={windowError ? true : undefined}
            value={draft.windowCount}
            onChange={(event) => edit({ windowCount: event.target.value })}
          />
          {draft.windowKind === 'time' && (
            <select
              className="select"
              aria-label="Window unit"
              value={draft.windowUnit}
              onChange={(event) =>
                edit({ windowUnit: event.target.value as (typeof INTERVAL_UNITS)[number] })
              }
            >
              {INTERVAL_UNITS.map((unit) => (
                <option key={unit}>{unit}</option>
              ))}
            </select>
          )}
          <code className="muted">
            {draft.windowKind === 'length'
              ? `length(${draft.windowCount})`
              : `time(${draft.windowCount} ${draft.windowUnit})`}
          </code>
        </div>
        {windowError && (
          <p className="field__error" role="alert">
            {windowError}
          </p>
        )}
      </fieldset>
    </>
  )
}
