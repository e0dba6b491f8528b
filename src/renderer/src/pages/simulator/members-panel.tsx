import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage } from '../../components/state-view'
import { membersOf, selectSelectedChat, useSimulatorStore } from '../../store/simulator-store'

/** A group's members: who writes and presses ("write as"), join a new user, let one leave. */
export function MembersPanel() {
  const chat = useSimulatorStore(selectSelectedChat)
  const joined = useSimulatorStore((s) => (s.selectedId === null ? undefined : s.joined[s.selectedId]))
  const members = useMemo(() => membersOf(chat, joined), [chat, joined])
  const m = useSimulatorStore(
    useShallow((s) => ({
      chatId: s.selectedId,
      writeAs: s.selectedId === null ? undefined : s.writeAs[s.selectedId],
      error: s.memberError,
      join: s.join,
      leave: s.leave,
      setWriteAs: s.setWriteAs,
      setPrivacy: s.setPrivacy,
    })),
  )
  const [name, setName] = useState('')
  if (members.length === 0) return null
  const first = members[0]!
  const current = m.writeAs ?? first.id
  return (
    <div className="sim-panel" role="group" aria-label="Members">
      <div className="sim-panel__row">
        <label htmlFor="write-as">Write as</label>
        <select
          id="write-as"
          className="select"
          value={current}
          onChange={(event) => m.setWriteAs(Number(event.target.value))}
        >
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.firstName}
            </option>
          ))}
        </select>
        <span className="muted">Members:</span>
        {members.map((member) => (
          <span key={member.id} className="member-chip">
            {member.firstName}
            {member.id !== first.id && (
              <button
                type="button"
                className="button button--small button--ghost"
                aria-label={`${member.firstName} leaves`}
                onClick={() => void m.leave(member.id)}
              >
                Leave
              </button>
            )}
          </span>
        ))}
        <form
          className="sim-panel__row"
          onSubmit={(event) => {
            event.preventDefault()
            if (name.trim()) void m.join(name.trim()).then(() => setName(''))
          }}
        >
          <input
            className="input input--narrow"
            aria-label="New member's first name"
            placeholder="First name"
            maxLength={64}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button--small" disabled={!name.trim()}>
            Join
          </button>
        </form>
      </div>
      <div className="sim-panel__row">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={chat?.botPrivacy ?? true}
            onChange={(event) => void m.setPrivacy(event.target.checked)}
          />
          <span>Privacy mode</span>
        </label>
        <span className="muted">
          {chat?.botPrivacy === false
            ? 'Off: the bot gets every message in its groups.'
            : 'On (Telegram’s default): in groups the bot gets only commands, mentions of it and replies to it.'}
        </span>
      </div>
      {m.error && <ErrorMessage error={m.error} />}
    </div>
  )
}
