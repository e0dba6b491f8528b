import { useState } from 'react'
import type { AppErrorShape } from '@shared/errors'
import type { Settings, SettingsPatch } from '@shared/settings'
import { Field } from '../../components/field'
import { isInvalid, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'

export interface SimulatorDeliveryFormProps {
  settings: Settings
  saving: boolean
  error: AppErrorShape | null
  onSave(patch: SettingsPatch): void
}

/** How long the simulator waits for a bot's webhook answer (Telegram: 60 s); the core checks the range. */
export function SimulatorDeliveryForm({ settings, saving, error, onSave }: SimulatorDeliveryFormProps) {
  const [timeoutMs, setTimeoutMs] = useState(String(settings.simulatorWebhookTimeoutMs))
  const hint =
    'A webhook that does not answer within this time fails with "Read timeout expired" and gets the same update again (Telegram: 60000).'
  const fieldError = messageFor(error, 'simulatorWebhookTimeoutMs')
  return (
    <form
      className="form"
      aria-label="Simulator webhook timeout"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        onSave({ simulatorWebhookTimeoutMs: Number(timeoutMs.trim()) })
      }}
    >
      <Field
        id="sim-webhook-timeout"
        label="Simulator webhook read timeout (ms)"
        hint={hint}
        error={fieldError}
      >
        <input
          id="sim-webhook-timeout"
          className="input input--number"
          type="number"
          inputMode="numeric"
          min={100}
          max={600000}
          value={timeoutMs}
          aria-invalid={isInvalid(error, 'simulatorWebhookTimeoutMs')}
          aria-describedby={describedBy('sim-webhook-timeout', { hint, error: fieldError })}
          onChange={(event) => setTimeoutMs(event.target.value)}
        />
      </Field>
      <div className="form__actions">
        <button
          type="submit"
          className="button"
          disabled={saving || timeoutMs.trim() === String(settings.simulatorWebhookTimeoutMs)}
        >
          {saving ? 'Saving…' : 'Save timeout'}
        </button>
      </div>
    </form>
  )
}
