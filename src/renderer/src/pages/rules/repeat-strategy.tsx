import type { AppErrorShape } from '@shared/errors'
import { INTERVAL_UNITS, type ActionDraft, type RepeatMode } from '../../lib/rule-draft'
import { errorFor } from '../../lib/rule-errors'

export interface RepeatStrategyProps {
  index: number
  action: ActionDraft
  onChange(patch: Partial<ActionDraft>): void
  error: AppErrorShape | null
}

/** Which REPEATs send: all of them, every N-th, or at most one per interval. */
export function RepeatStrategy({ index, action, onChange, error }: RepeatStrategyProps) {
  const name = `action-${index}-repeat`
  const message = errorFor(error, `actions.${index}.repeat`)
  const option = (mode: RepeatMode, label: string) => (
    <label className="check">
      <input
        type="radio"
        name={name}
        checked={action.repeatMode === mode}
        onChange={() => onChange({ repeatMode: mode })}
      />
      {label}
    </label>
  )
  return (
    <fieldset className="choice-group">
      <legend>On REPEAT, send</legend>
      <div className="check-row">
        {option('all', 'every time')}
        <span className="input-row">
          {option('every', 'every')}
          <input
            className="input input--tiny"
            type="number"
            min={1}
            aria-label="Every N-th repeat"
            value={action.repeatEvery}
            disabled={action.repeatMode !== 'every'}
            onChange={(e) => onChange({ repeatEvery: e.target.value })}
          />
          <span>-th repeat</span>
        </span>
        <span className="input-row">
          {option('interval', 'at most once per')}
          <input
            className="input input--tiny"
            type="number"
            min={1}
            aria-label="Repeat interval"
            value={action.repeatIntervalCount}
            disabled={action.repeatMode !== 'interval'}
            onChange={(e) => onChange({ repeatIntervalCount: e.target.value })}
          />
          <select
            className="select"
            aria-label="Repeat interval unit"
            value={action.repeatIntervalUnit}
            disabled={action.repeatMode !== 'interval'}
            onChange={(e) =>
              onChange({ repeatIntervalUnit: e.target.value as ActionDraft['repeatIntervalUnit'] })
            }
          >
            {INTERVAL_UNITS.map((unit) => (
              <option key={unit}>{unit}</option>
            ))}
          </select>
        </span>
      </div>
      {message && (
        <p className="field__error" role="alert">
          {message}
        </p>
      )}
    </fieldset>
  )
}
