import { useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { RequestDetail } from '@shared/domain'
import { CopyButton } from '../../components/copy-button'
import { ExportMenu } from '../../components/export-menu'
import { Icon } from '../../components/icon'
import { ErrorMessage } from '../../components/state-view'
import { basicUserOf, buildCurl, PASSWORD_VARIABLE, requestUrl } from '../../lib/curl'
import { EXPORT_MIME, type ExportFormat } from '../../lib/request-export'
import { createRuleHref } from '../../lib/rule-links'
import { saveTextFile } from '../../lib/save-file'
import { useRequestsStore } from '../../store/requests-store'
import { selectReceiverUrl, useStatusStore } from '../../store/status-store'
import { EditReplayDialog } from './edit-replay-dialog'

export interface RequestActionsProps {
  request: RequestDetail
}

/** What can be done with one stored request: replay it (as is or edited), copy it, export it, make a rule. */
export function RequestActions({ request }: RequestActionsProps) {
  const { replaying, exporting, replay, exportRequests, dismissActionErrors } = useRequestsStore(
    useShallow((s) => ({
      replaying: s.replaying,
      exporting: s.exporting,
      replay: s.replay,
      exportRequests: s.exportRequests,
      dismissActionErrors: s.dismissActionErrors,
    })),
  )
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)

  const download = async (format: ExportFormat) => {
    const file = await exportRequests(format, { kind: 'one', id: request.id })
    if (!file) return
    saveTextFile(file.fileName, file.text, EXPORT_MIME)
    setSaved(`Saved as ${file.fileName}`)
  }

  return (
    <div className="detail__actions" role="group" aria-label="Request actions">
      <button
        type="button"
        className="button"
        disabled={replaying.busy}
        onClick={() => void replay(request.id)}
      >
        <Icon name="replay" />
        <span>{replaying.busy && !editing ? 'Replaying…' : 'Replay'}</span>
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          dismissActionErrors()
          setEditing(true)
        }}
      >
        <Icon name="edit" />
        <span>Edit and replay</span>
      </button>
      <CurlButton request={request} />
      <ExportMenu
        id={`export-request-${request.id}`}
        title={`Export request #${request.id}`}
        busy={exporting.busy}
        error={exporting.error}
        done={saved}
        onExport={(format) => void download(format)}
      />
      {request.messageId !== null && (
        <a className="button" href={createRuleHref(request.messageId)}>
          <Icon name="plus" />
          <span>
            Create rule<span className="visually-hidden"> from this message</span>
          </span>
        </a>
      )}
      {replaying.error && !editing && (
        <div className="detail__actions-error" role="alert">
          <ErrorMessage error={replaying.error} />
        </div>
      )}
      {editing && (
        <EditReplayDialog
          request={request}
          busy={replaying.busy}
          error={replaying.error}
          onReplay={async (edit) => {
            if ((await replay(request.id, edit)) !== null) setEditing(false)
          }}
          onClose={() => setEditing(false)}
        />
      )}
    </div>
  )
}

/**
 * Copies a runnable curl that takes the password from $HOOKBENCH_PASSWORD. There is no "with secret" variant:
 * the receiver keeps only a scrypt hash of webhook passwords. (The connect flow's own user also has its
 * password in the secret store, to build Telegram's webhook URL; revealing it would need a method only the
 * desktop IPC may call, which the contract does not have: docs/api.md.)
 */
function CurlButton({ request }: { request: RequestDetail }) {
  const receiverUrl = useStatusStore(selectReceiverUrl)
  const basicUser = basicUserOf(request)
  const curl = useMemo(
    () =>
      buildCurl(
        {
          method: request.method,
          url: requestUrl(receiverUrl ?? window.location.origin, request.path, request.query),
          headers: request.headers,
          body: request.body,
          bodyEncoding: request.bodyEncoding,
        },
        basicUser === undefined ? {} : { basicUser },
      ),
    [request, receiverUrl, basicUser],
  )
  return (
    <>
      <CopyButton value={curl} label="Copy as curl" />
      {basicUser !== undefined && (
        <p className="detail__actions-note muted" id={`curl-note-${request.id}`}>
          The copied curl reads the password of {basicUser} from <code>${PASSWORD_VARIABLE}</code>: Hookbench
          keeps only a hash of webhook passwords, so it cannot copy the password itself.
        </p>
      )}
    </>
  )
}
