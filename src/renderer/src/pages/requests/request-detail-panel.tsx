import { useState } from 'react'
import type { RequestDetail } from '@shared/domain'
import { BodyView } from '../../components/body-view'
import { HeadersTable } from '../../components/headers-table'
import { Icon } from '../../components/icon'
import { MessageView } from '../../components/message-view'
import { RequestOverview } from '../../components/request-overview'
import { ResponseView } from '../../components/response-view'
import { ErrorState, LoadingState } from '../../components/state-view'
import { TabPanel, Tabs } from '../../components/tabs'
import { useRequestsStore } from '../../store/requests-store'
import { RequestActions } from './request-actions'
import { RequestConversationTab } from './request-conversation-tab'
import { RequestRulesTab } from './request-rules-tab'

type DetailTab = 'overview' | 'headers' | 'body' | 'response' | 'message' | 'rules' | 'conversation'
const ID_PREFIX = 'request-detail'

export interface RequestDetailPanelProps {
  onClose(): void
}

export function RequestDetailPanel({ onClose }: RequestDetailPanelProps) {
  const detail = useRequestsStore((s) => s.detail)
  const openDetail = useRequestsStore((s) => s.openDetail)
  const [tab, setTab] = useState<DetailTab>('overview')
  if (!detail) return null
  return (
    <section className="detail" aria-label={`Request #${detail.id}`}>
      <header className="detail__header">
        <h2 className="detail__title">
          {detail.data ? (
            <>
              <span className="method">{detail.data.method}</span>{' '}
              <span className="mono">{detail.data.path}</span>
            </>
          ) : (
            `Request #${detail.id}`
          )}
        </h2>
        <span className="muted mono">#{detail.id}</span>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close detail">
          <Icon name="close" />
        </button>
      </header>
      {detail.error ? (
        <ErrorState
          title={detail.error.kind === 'not_found' ? 'This request is gone' : 'Could not load this request'}
          error={detail.error}
          onRetry={() => void openDetail(detail.id)}
        />
      ) : detail.data ? (
        <>
          <RequestActions request={detail.data} />
          <DetailTabs request={detail.data} tab={tab} onTab={setTab} />
        </>
      ) : (
        <LoadingState label="Loading request…" />
      )}
    </section>
  )
}

interface DetailTabsProps {
  request: RequestDetail
  tab: DetailTab
  onTab(tab: DetailTab): void
}

function DetailTabs({ request, tab, onTab }: DetailTabsProps) {
  const openDetail = useRequestsStore((s) => s.openDetail)
  const tabs = [
    { id: 'overview', label: 'Overview' },
    { id: 'headers', label: `Headers (${Object.keys(request.headers).length})` },
    { id: 'body', label: 'Body' },
    { id: 'response', label: request.response ? `Response (${request.response.status})` : 'Response' },
    { id: 'message', label: 'Message' },
    { id: 'rules', label: 'Rules' },
    { id: 'conversation', label: 'Conversation' },
  ] as const
  return (
    <>
      <Tabs label="Request detail" idPrefix={ID_PREFIX} tabs={tabs} active={tab} onChange={onTab} />
      <TabPanel idPrefix={ID_PREFIX} id={tab}>
        {tab === 'overview' && <RequestOverview request={request} />}
        {tab === 'headers' && <HeadersTable headers={request.headers} />}
        {tab === 'body' && (
          <BodyView
            body={request.body}
            encoding={request.bodyEncoding}
            contentType={request.contentType}
            truncated={request.bodyTruncated}
          />
        )}
        {tab === 'response' && (
          <ResponseView response={request.response} onReload={() => void openDetail(request.id)} />
        )}
        {tab === 'message' && <MessageView command={request.command} />}
        {tab === 'rules' && <RequestRulesTab messageId={request.messageId} />}
        {tab === 'conversation' && <RequestConversationTab requestId={request.id} />}
      </TabPanel>
    </>
  )
}
