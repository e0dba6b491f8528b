import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage } from '../../components/state-view'
import { selectSelectedChat, useSimulatorStore } from '../../store/simulator-store'
import { useSimInlineStore } from '../../store/simulator-inline-store'

/** The bot as this chat's user sees it: block it (private chats), add or remove it (groups), inline feedback. */
export function BotPanel() {
  const chat = useSimulatorStore(selectSelectedChat)
  const b = useSimInlineStore(
    useShallow((s) => ({
      error: s.botError,
      setBlocked: s.setBlocked,
      setBotInGroup: s.setBotInGroup,
      setInlineFeedback: s.setInlineFeedback,
    })),
  )
  if (!chat) return null
  const group = chat.type === 'group' || chat.type === 'supergroup'
  return (
    <div className="sim-panel" role="group" aria-label="Bot">
      <div className="sim-panel__row">
        {chat.type === 'private' && (
          <>
            <button
              type="button"
              className={chat.blocked ? 'button button--small' : 'button button--small button--danger'}
              onClick={() => void b.setBlocked(!chat.blocked)}
            >
              {chat.blocked ? 'Unblock bot' : 'Block bot'}
            </button>
            <span className="muted">
              {chat.blocked ? 'Blocked: sendMessage gets 403.' : 'my_chat_member, then 403 on sendMessage'}
            </span>
          </>
        )}
        {group && (
          <>
            <span>
              @{chat.botUsername}: {chat.botStatus === 'member' ? 'in the group' : 'removed'}
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => void b.setBotInGroup(chat.botStatus !== 'member')}
            >
              {chat.botStatus === 'member' ? 'Remove bot' : 'Add bot'}
            </button>
          </>
        )}
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={chat.botInlineFeedback}
            onChange={(event) => void b.setInlineFeedback(event.target.checked)}
          />
          <span>Inline feedback</span>
        </label>
        <span className="muted">
          {chat.botInlineFeedback ? 'chosen_inline_result on' : 'no chosen_inline_result (default)'}
        </span>
      </div>
      {b.error && <ErrorMessage error={b.error} />}
    </div>
  )
}
