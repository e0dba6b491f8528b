import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage } from '../../components/state-view'
import { COMMON_METHODS, FAULT_PRESETS, describeFault, faultInput } from '../../lib/fault-presets'
import { useSimFaultsStore } from '../../store/sim-faults-store'

/** Make the bot's next Bot API calls fail like Telegram: the live faults and a form to add one. */
export function FaultsPanel() {
  const f = useSimFaultsStore(
    useShallow((s) => ({
      faults: s.faults,
      error: s.error,
      adding: s.adding,
      fetch: s.fetch,
      add: s.add,
      remove: s.remove,
      clear: s.clear,
    })),
  )
  const [method, setMethod] = useState('sendMessage')
  const [presetId, setPresetId] = useState('429')
  const [times, setTimes] = useState(1)
  const [delayMs, setDelayMs] = useState(2000)
  const [open, setOpen] = useState(false)
  const fetchFaults = f.fetch
  useEffect(() => {
    void fetchFaults()
  }, [fetchFaults])
  const preset = FAULT_PRESETS.find((p) => p.id === presetId) ?? FAULT_PRESETS[0]!

  return (
    <details className="sim-panel" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="form__title">Faults{f.faults.length > 0 && ` (${f.faults.length})`}</summary>
      <form
        className="sim-panel__row"
        aria-label="Add a fault"
        onSubmit={(event) => {
          event.preventDefault()
          void f.add(faultInput(preset, method, times, delayMs))
        }}
      >
        <label htmlFor="fault-method">Method</label>
        <input
          id="fault-method"
          className="input input--narrow"
          list="fault-methods"
          value={method}
          onChange={(event) => setMethod(event.target.value)}
        />
        <datalist id="fault-methods">
          {COMMON_METHODS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <label htmlFor="fault-kind">Fault</label>
        <select
          id="fault-kind"
          className="select"
          value={presetId}
          onChange={(e) => setPresetId(e.target.value)}
        >
          {FAULT_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        {preset.fields.kind === 'delay' && (
          <>
            <label htmlFor="fault-delay">Delay ms</label>
            <input
              id="fault-delay"
              className="input input--number"
              type="number"
              min={1}
              max={120000}
              value={delayMs}
              onChange={(event) => setDelayMs(Number(event.target.value))}
            />
          </>
        )}
        <label htmlFor="fault-times">Times</label>
        <input
          id="fault-times"
          className="input input--number"
          type="number"
          min={1}
          max={100000}
          value={times}
          onChange={(event) => setTimes(Number(event.target.value))}
        />
        <button type="submit" className="button button--small" disabled={f.adding}>
          Add fault
        </button>
      </form>
      {f.error && <ErrorMessage error={f.error} />}
      {f.faults.length === 0 ? (
        <p className="muted">No faults: every call answers normally.</p>
      ) : (
        <>
          <ul className="fault-list" aria-label="Live faults">
            {f.faults.map((fault) => (
              <li key={fault.id}>
                <span className="mono">{describeFault(fault)}</span>
                <button
                  type="button"
                  className="button button--small button--danger-ghost"
                  aria-label={`Remove fault ${describeFault(fault)}`}
                  onClick={() => void f.remove(fault.id)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <div>
            <button type="button" className="button button--small" onClick={() => void f.clear()}>
              Clear all
            </button>
          </div>
        </>
      )}
    </details>
  )
}
