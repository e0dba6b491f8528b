import type { Delivery } from '@shared/alerts'
import { HeadersTable } from './headers-table'

export interface DeliveryExchangeProps {
  delivery: Delivery
}

/** One outgoing call as sent and as answered: request line, headers, bodies. */
export function DeliveryExchange({ delivery }: DeliveryExchangeProps) {
  const { request, response } = delivery
  return (
    <div className="exchange">
      <section className="exchange__side" aria-label={`Request of delivery ${delivery.id}`}>
        <h3 className="exchange__title">Request</h3>
        <p className="mono wrap">
          <span className="method">{request.method}</span> {request.url}
        </p>
        {Object.keys(request.headers).length > 0 && <HeadersTable headers={request.headers} />}
        {request.body ? (
          <pre className="exchange__body">{request.body}</pre>
        ) : (
          <p className="muted">No body.</p>
        )}
        {delivery.emptyPlaceholders.length > 0 && (
          <p className="callout callout--warn">
            Empty placeholders: <code>{delivery.emptyPlaceholders.join(', ')}</code>
          </p>
        )}
      </section>
      <section className="exchange__side" aria-label={`Response of delivery ${delivery.id}`}>
        <h3 className="exchange__title">Response</h3>
        {response ? (
          <>
            <p className="mono">Status {response.status}</p>
            {Object.keys(response.headers).length > 0 && (
              <HeadersTable headers={response.headers} caption="Response headers" />
            )}
            {response.body ? (
              <pre className="exchange__body">{response.body}</pre>
            ) : (
              <p className="muted">No body.</p>
            )}
          </>
        ) : (
          <p className="muted">
            {delivery.error
              ? 'No response: the call failed before an answer.'
              : 'No response: nothing was called over the network.'}
          </p>
        )}
        {delivery.error && <p className="text-error wrap">{delivery.error}</p>}
      </section>
    </div>
  )
}
