import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Field } from '../../components/field'
import { ErrorMessage } from '../../components/state-view'
import { formMessage, isInvalid, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { useUsersStore } from '../../store/users-store'

const EMPTY = { name: '', password: '', entities: '*' }

export function CreateUserForm() {
  const { create, busy, actionError } = useUsersStore(
    useShallow((s) => ({ create: s.create, busy: s.busy, actionError: s.actionError })),
  )
  const [draft, setDraft] = useState(EMPTY)
  const error = actionError?.action === 'create' ? actionError.error : null
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const entities = draft.entities
      .split(',')
      .map((pattern) => pattern.trim())
      .filter((pattern) => pattern !== '')
    if (await create({ name: draft.name.trim(), password: draft.password, entities })) setDraft(EMPTY)
  }
  const nameError = messageFor(error, 'name')
  const passwordError = messageFor(error, 'password')
  const entitiesError = messageFor(error, 'entities') ?? messageFor(error, 'entities.0')
  const entitiesHint = 'Comma-separated patterns, * = any.'
  return (
    <form
      className="form form--inline"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="create-user-title"
    >
      <h3 id="create-user-title" className="form__title">
        Create a webhook user
      </h3>
      <div className="form__grid">
        <Field id="user-name" label="Name" error={nameError}>
          <input
            id="user-name"
            className="input"
            autoComplete="off"
            spellCheck={false}
            value={draft.name}
            aria-invalid={isInvalid(error, 'name')}
            aria-describedby={describedBy('user-name', { error: nameError })}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
        </Field>
        <Field id="user-password" label="Password" hint="At least 8 characters." error={passwordError}>
          <input
            id="user-password"
            className="input"
            type="password"
            autoComplete="new-password"
            value={draft.password}
            aria-invalid={isInvalid(error, 'password')}
            aria-describedby={describedBy('user-password', { hint: true, error: passwordError })}
            onChange={(event) => setDraft({ ...draft, password: event.target.value })}
          />
        </Field>
        <Field id="user-entities" label="Entities" hint={entitiesHint} error={entitiesError}>
          <input
            id="user-entities"
            className="input"
            spellCheck={false}
            value={draft.entities}
            aria-invalid={isInvalid(error, 'entities') || isInvalid(error, 'entities.0')}
            aria-describedby={describedBy('user-entities', { hint: true, error: entitiesError })}
            onChange={(event) => setDraft({ ...draft, entities: event.target.value })}
          />
        </Field>
      </div>
      {formMessage(error, ['name', 'password', 'entities', 'entities.0']) && error && (
        <ErrorMessage error={error} />
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy?.action === 'create'}>
          {busy?.action === 'create' ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  )
}
