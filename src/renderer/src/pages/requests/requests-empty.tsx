import { CopyButton } from '../../components/copy-button'
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view'
import { sampleUpdateCurl, telegramWebhookUrl } from '../../lib/sample-update'
import { selectAllowAnonymous, useSettingsStore } from '../../store/settings-store'
import { useStatusStore } from '../../store/status-store'

/** No request was ever received: how to send the first one. */
export function RequestsEmpty() {
  const status = useStatusStore((s) => s.status)
  const statusError = useStatusStore((s) => s.error)
  const loadStatus = useStatusStore((s) => s.load)
  const allowAnonymous = useSettingsStore(selectAllowAnonymous)
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
            its name and password in place of <code>USER:PASSWORD</code> (Telegram sends them from a URL like{' '}
            <code>https://user:password@host/…</code>), or allow anonymous webhooks there.
          </p>
        )}
        <p className="muted">Requests appear here the moment they arrive.</p>
      </div>
    </EmptyState>
  )
}
