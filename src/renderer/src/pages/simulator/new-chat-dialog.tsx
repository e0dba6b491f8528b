import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SimChat } from '@shared/simulator'
import { Dialog } from '../../components/dialog'
import { Field } from '../../components/field'
import { ErrorMessage } from '../../components/state-view'
import { messageFor } from '../../lib/app-error'
import { describedBy } from '../../lib/dom-ids'
import { useSimulatorStore } from '../../store/simulator-store'

export interface NewChatDialogProps {
  open: boolean
  onClose(): void
}

const TYPES: { type: SimChat['type']; label: string }[] = [
  { type: 'private', label: 'Private chat with a user' },
  { type: 'group', label: 'Group' },
  { type: 'supergroup', label: 'Supergroup' },
  { type: 'channel', label: 'Channel' },
]

/** A fake user (and, for groups and channels, the chat they write in). */
export function NewChatDialog({ open, onClose }: NewChatDialogProps) {
  const { createChat, creating, error, select } = useSimulatorStore(
    useShallow((s) => ({
      createChat: s.createChat,
      creating: s.creating,
      error: s.createError,
      select: s.select,
    })),
  )
  const [type, setType] = useState<SimChat['type']>('private')
  const [firstName, setFirstName] = useState('Ada')
  const [lastName, setLastName] = useState('')
  const [username, setUsername] = useState('')
  const [title, setTitle] = useState('')

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const chat = await createChat({
      type,
      firstName: firstName.trim(),
      ...(lastName.trim() && { lastName: lastName.trim() }),
      ...(username.trim() && { username: username.trim().replace(/^@/, '') }),
      ...(type !== 'private' && title.trim() && { title: title.trim() }),
    })
    if (!chat) return
    onClose()
    await select(chat.id)
  }
  const fieldError = (name: string) => messageFor(error, name)

  return (
    <Dialog
      open={open}
      title="New chat"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-chat-form" className="button button--primary" disabled={creating}>
            {creating ? 'Creating…' : 'Create chat'}
          </button>
        </>
      }
    >
      <form id="new-chat-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field id="sim-chat-type" label="Kind">
          <select
            id="sim-chat-type"
            className="select"
            value={type}
            onChange={(event) => setType(event.target.value as SimChat['type'])}
          >
            {TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        {type !== 'private' && (
          <Field id="sim-chat-title" label="Title" error={fieldError('title')}>
            <input
              id="sim-chat-title"
              className="input"
              value={title}
              placeholder={`Test ${type}`}
              onChange={(event) => setTitle(event.target.value)}
            />
          </Field>
        )}
        <div className="form__grid">
          <Field id="sim-first-name" label="First name" error={fieldError('firstName')}>
            <input
              id="sim-first-name"
              className="input"
              value={firstName}
              aria-invalid={fieldError('firstName') ? true : undefined}
              aria-describedby={describedBy('sim-first-name', { error: fieldError('firstName') })}
              onChange={(event) => setFirstName(event.target.value)}
            />
          </Field>
          <Field id="sim-last-name" label="Last name" error={fieldError('lastName')}>
            <input
              id="sim-last-name"
              className="input"
              value={lastName}
              onChange={(event) => setLastName(event.target.value)}
            />
          </Field>
          <Field id="sim-username" label="Username" hint="Letters, digits, _" error={fieldError('username')}>
            <input
              id="sim-username"
              className="input"
              value={username}
              placeholder="ada_l"
              aria-describedby={describedBy('sim-username', { hint: true, error: fieldError('username') })}
              onChange={(event) => setUsername(event.target.value)}
            />
          </Field>
        </div>
        {error && !['firstName', 'lastName', 'username', 'title'].some((f) => fieldError(f)) && (
          <div className="callout callout--error" role="alert">
            <ErrorMessage error={error} />
          </div>
        )}
      </form>
    </Dialog>
  )
}
