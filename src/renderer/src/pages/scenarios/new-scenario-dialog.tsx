import { useState } from 'react'
import { Dialog } from '../../components/dialog'
import { scenarioFileName } from '../../lib/scenario-file'

export interface NewScenarioDialogProps {
  open: boolean
  onClose(): void
  onCreate(name: string): Promise<void>
}

export function NewScenarioDialog({ open, onClose, onCreate }: NewScenarioDialogProps) {
  const [name, setName] = useState('')
  const submit = () => {
    if (name.trim()) void onCreate(name.trim()).then(() => setName(''))
  }
  return (
    <Dialog
      open={open}
      title="New scenario"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="new-scenario"
            className="button button--primary"
            disabled={!name.trim()}
          >
            Create
          </button>
        </>
      }
    >
      <form
        id="new-scenario"
        className="field"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <label className="field__label" htmlFor="new-scenario-name">
          Name
        </label>
        <input
          id="new-scenario-name"
          className="input"
          value={name}
          maxLength={200}
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
        <p className="field__hint">
          File: <code>{scenarioFileName(name)}</code>. It starts with a chat, /start and a check of the reply.
        </p>
      </form>
    </Dialog>
  )
}
