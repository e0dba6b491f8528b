import { CopyButton } from '../../components/copy-button'
import { Icon } from '../../components/icon'
import { EmptyState, ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { sampleUpdateCurl, telegramWebhookUrl } from '../../lib/sample-update'
import { useRequestsStore } from '../../store/requests-store'
import { selectAllowAnonymous, useSettingsStore } from '../../store/settings-store'
import { useStatusStore } from '../../store/status-store'

/** No request was ever received: how to send the first one. */
export function RequestsEmpty() {
  const status = useStatusStore((s) => s.status)
  const statusError = useStatusStore((s) => s.error)
  const loadStatus = useStatusStore((s) => s.load)
  const allowAnonymous = useSettingsStore(selectAllowAnonymous)
  const sample = useRequestsStore((s) => s.sample)
  const sendSample = useRequestsStore((s) => s.sendSample)
  if (statusError)
    return (
      <ErrorState
        title="Could not read the receiver's address"
        error={statusError}
        onRetry={() => void loadStatus()}
      />
    )
  if (!status) return <LoadingState label="Reading the receiver's address…" />
  const webhookUrl = telegramWebhookUrl(status.receiver.url)
  const curl = sampleUpdateCurl(webhookUrl, allowAnonymous ? undefined : 'USER')
  return (
    <EmptyState title="No requests yet">
      <div className="onboarding">
        <div className="onboarding__try">
          <button
            type="button"
            className="button button--primary"
            disabled={sample.busy}
            onClick={() => void sendSample()}
          >
            <Icon name="send" />
            <span>{sample.busy ? 'Sending…' : 'Send a sample update'}</span>
          </button>
          <span className="muted">
            A Telegram text message from a made-up user goes through the receiver, no credentials needed.
          </span>
        </div>
        {sample.error && (
          <div role="alert">
            <ErrorMessage error={sample.error} />
          </div>
        )}
        <p>Point a Telegram bot (or anything that sends webhooks) at this URL:</p>
        <div className="copy-line">
          <code className="copy-line__text">{webhookUrl}</code>
          <CopyButton value={webhookUrl} label="Copy webhook URL" />
        </div>
        <p>Or send a sample Telegram update from a terminal:</p>
        <div className="copy-block">
          <pre className="copy-block__text" aria-label="Sample curl command">
            {curl}
          </pre>
          <CopyButton value={curl} label="Copy curl command" />
        </div>
        {allowAnonymous ? (
          <p className="callout callout--warn">
            Anonymous webhooks are allowed, so this works without credentials. Anyone who finds the URL can
            post too.
          </p>
        ) : (
          <p className="callout">
            The receiver accepts only webhook users: create one in <a href="#/settings">Settings</a> and put
            its name in place of <code>USER</code> and its password in <code>$HOOKBENCH_PASSWORD</code>{' '}
            (Telegram sends them from a URL like <code>https://user:password@host/…</code>), or allow
            anonymous webhooks there.
          </p>
        )}
        <p className="muted">Requests appear here the moment they arrive.</p>
      </div>
    </EmptyState>
  )
}
