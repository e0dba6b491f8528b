import type { ConnectionState } from '../api/client'
import { Icon } from './icon'

export interface StatusBarProps {
  /** `127.0.0.1:8080`, or null while unknown. */
  listening: string | null
  connection: ConnectionState
  tunnel: string
  /** Simulator mode: the bot talks to the built-in /sim, so there is no tunnel to speak of. */
  simulated: boolean
  webhookSet: boolean | null
  requestCount: number | null
  onHelp(): void
  /** Browser shell: ends this window's session (absent in the Electron window, which has none). */
  onSignOut?: (() => void) | undefined
}

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  disconnected: 'Disconnected, retrying',
}

export function StatusBar({
  listening,
  connection,
  tunnel,
  simulated,
  webhookSet,
  requestCount,
  onHelp,
  onSignOut,
}: StatusBarProps) {
  return (
    <footer className="status-bar">
      <span className="status-bar__item">
        <span className="status-bar__key">Listening</span> {listening ?? '…'}
      </span>
      <span
        className="status-bar__item"
        role="status"
        aria-label={`Event stream: ${CONNECTION_LABEL[connection]}`}
      >
        <span className={`dot dot--${connection}`} aria-hidden="true" />
        <span className="status-bar__key">Events</span> {CONNECTION_LABEL[connection]}
      </span>
      <span className="status-bar__item">
        {simulated ? (
          <>
            <span className="status-bar__key">Bot API</span> Simulator
          </>
        ) : (
          <>
            <span className="status-bar__key">Tunnel</span> {tunnel}
          </>
        )}
      </span>
      <span className="status-bar__item">
        <span className="status-bar__key">Webhook</span>{' '}
        {webhookSet === null ? '…' : webhookSet ? 'set' : 'not set'}
      </span>
      <span className="status-bar__spacer" />
      <span className="status-bar__item">
        {requestCount === null
          ? '…'
          : `${requestCount.toLocaleString('en-US')} ${requestCount === 1 ? 'request' : 'requests'} stored`}
      </span>
      {onSignOut && (
        <button type="button" className="status-bar__sign-out" onClick={onSignOut}>
          Sign out
        </button>
      )}
      <button type="button" className="status-bar__help" onClick={onHelp} aria-label="Keyboard shortcuts">
        <Icon name="help" />
      </button>
    </footer>
  )
}
