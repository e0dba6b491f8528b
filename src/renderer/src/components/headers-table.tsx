import { displayHeaders } from '../lib/headers'

export interface HeadersTableProps {
  headers: Record<string, string>
  /** The table's accessible name. */
  caption?: string
}

/** Request headers by name; credentials and secret tokens appear masked. */
export function HeadersTable({ headers, caption = 'Request headers' }: HeadersTableProps) {
  const rows = displayHeaders(headers)
  if (rows.length === 0) return <p className="muted pad">No headers were stored for this request.</p>
  return (
    <table className="table table--kv">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row" className="mono">
              {row.name}
            </th>
            <td className="mono wrap">{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
