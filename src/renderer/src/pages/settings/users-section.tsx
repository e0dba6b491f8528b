import { useState, type FormEvent } from 'react'
import type { AppErrorShape } from '@shared/errors'
import { useShallow } from 'zustand/react/shallow'
import { ConfirmDialog } from '../../components/dialog'
import { Field } from '../../components/field'
import { EmptyState, ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { formMessage, isInvalid, messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { formatDateTime } from '../../lib/format'
import { useUsersStore } from '../../store/users-store'
import { CreateUserForm } from './create-user-form'

/** Webhook users: who may post to the receiver, and to which entities. */
export function UsersSection() {
  const store = useUsersStore(
    useShallow((s) => ({
      users: s.users,
      loading: s.loading,
      error: s.error,
      busy: s.busy,
      actionError: s.actionError,
      load: s.load,
      resetPassword: s.resetPassword,
      remove: s.remove,
      dismissError: s.dismissError,
    })),
  )
  const [resetting, setResetting] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<string | null>(null)
  const failed = (action: 'reset' | 'delete', name: string) =>
    store.actionError?.action === action && store.actionError.name === name ? store.actionError.error : null

  const confirmDelete = async () => {
    if (deleting && (await store.remove(deleting))) setDeleting(null)
  }

  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 id="users-title" className="panel__title">
        Webhook users
      </h2>
      <p className="muted">
        Senders authenticate with HTTP Basic credentials of a webhook user, e.g.{' '}
        <code>https://user:password@host/api/v1/messages/webhook/telegram</code>. Entity patterns limit what a
        user may write (<code>*</code> = any).
      </p>
      {store.error ? (
        <ErrorState
          title="Could not load webhook users"
          error={store.error}
          onRetry={() => void store.load()}
        />
      ) : store.loading && store.users.length === 0 ? (
        <LoadingState label="Loading webhook users…" />
      ) : store.users.length === 0 ? (
        <EmptyState title="No webhook users yet">
          <p className="muted">Create one below, or allow anonymous webhooks above.</p>
        </EmptyState>
      ) : (
        <table className="table table--data">
          <caption className="visually-hidden">Webhook users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Entities</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {store.users.map((user) => (
              <tr key={user.name}>
                <td className="mono">{user.name}</td>
                <td className="mono">{user.entities.join(', ')}</td>
                <td className="nowrap">{formatDateTime(user.createdAt)}</td>
                <td className="cell-actions">
                  {resetting === user.name ? (
                    <ResetPasswordForm
                      name={user.name}
                      busy={store.busy?.name === user.name}
                      error={failed('reset', user.name)}
                      onSubmit={async (password) => {
                        if (await store.resetPassword(user.name, password)) setResetting(null)
                      }}
                      onCancel={() => {
                        store.dismissError()
                        setResetting(null)
                      }}
                    />
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setResetting(user.name)}
                      >
                        Reset password<span className="visually-hidden"> of {user.name}</span>
                      </button>
                      <button
                        type="button"
                        className="button button--small button--danger-ghost"
                        onClick={() => setDeleting(user.name)}
                      >
                        Delete<span className="visually-hidden"> {user.name}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateUserForm />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete webhook user ${deleting ?? ''}?`}
        confirmLabel="Delete user"
        busy={store.busy?.action === 'delete'}
        error={deleting ? failed('delete', deleting) : null}
        onConfirm={() => void confirmDelete()}
        onCancel={() => {
          store.dismissError()
          setDeleting(null)
        }}
      >
        <p>
          Senders using these credentials will get 401 from now on, and each attempt is recorded as an
          incident.
        </p>
      </ConfirmDialog>
    </section>
  )
}

interface ResetPasswordFormProps {
  name: string
  busy: boolean
  error: AppErrorShape | null
  onSubmit(password: string): Promise<void>
  onCancel(): void
}

function ResetPasswordForm({ name, busy, error, onSubmit, onCancel }: ResetPasswordFormProps) {
  const [password, setPassword] = useState('')
  const id = `reset-${name}`
  const message = messageFor(error, 'password')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void onSubmit(password)
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Reset password of ${name}`}>
      <Field id={id} label="New password" error={message}>
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="new-password"
          value={password}
          aria-invalid={isInvalid(error, 'password')}
          aria-describedby={describedBy(id, { error: message })}
          onChange={(event) => setPassword(event.target.value)}
          autoFocus
        />
      </Field>
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={onCancel}>
        Cancel
      </button>
      {formMessage(error, ['password']) && error && <ErrorMessage error={error} />}
    </form>
  )
}
