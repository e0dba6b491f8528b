import type { ImportResult } from '@shared/rules-api'
import { importSummary } from '../../lib/import-summary'

export interface ImportReportProps {
  fileName: string
  result: ImportResult
  onDismiss(): void
}

const STATUS_LABEL: Record<ImportResult['rules'][number]['status'], string> = {
  imported: 'imported',
  imported_disabled: 'imported, disabled',
  replaced: 'replaced',
  skipped: 'skipped',
}

type Field = ImportResult['rules'][number]['fields'][number]

/** What an import did, rule by rule and field by field: imported, mapped, or ignored and why. */
export function ImportReport({ fileName, result, onDismiss }: ImportReportProps) {
  const summary = importSummary(result)
  return (
    <section className="panel panel--wide import-report" aria-labelledby="import-report-title">
      <div className="import-report__head">
        <h2 id="import-report-title" className="panel__title">
          Import report: {fileName}
        </h2>
        <span className="muted" role="status">
          {summary}
        </span>
        <button type="button" className="button button--small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {result.warnings.length > 0 && (
        <ul className="callout callout--warn">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {result.rules.map((rule, index) => (
        <details
          key={`${rule.name}-${index}`}
          className="import-report__rule"
          open={result.rules.length <= 3}
        >
          <summary>
            <span className="import-report__name">{rule.name}</span>{' '}
            <span className={`badge badge--import-${rule.status}`}>{STATUS_LABEL[rule.status]}</span>{' '}
            <span className="muted">{fieldCounts(rule.fields)}</span>
            {rule.id && (
              <>
                {' · '}
                <a href={`#/rules/${encodeURIComponent(rule.id)}`}>Open</a>
              </>
            )}
          </summary>
          {rule.error && <p className="text-error wrap">{rule.error}</p>}
          <FieldTable caption={`Fields of ${rule.name}`} fields={rule.fields} />
        </details>
      ))}
      {result.endpoints.map((endpoint) => (
        <details key={endpoint.name} className="import-report__rule">
          <summary>
            Endpoint <span className="import-report__name">{endpoint.name}</span>{' '}
            <span className="muted">{fieldCounts(endpoint.fields)}</span>
          </summary>
          <FieldTable caption={`Fields of endpoint ${endpoint.name}`} fields={endpoint.fields} />
        </details>
      ))}
    </section>
  )
}

function fieldCounts(fields: readonly Field[]): string {
  const n = (outcome: Field['outcome']) => fields.filter((f) => f.outcome === outcome).length
  return `${n('imported')} imported, ${n('mapped')} mapped, ${n('ignored')} ignored`
}

function FieldTable({ caption, fields }: { caption: string; fields: readonly Field[] }) {
  return (
    <div className="import-report__scroll">
      <table className="table table--plain import-report__fields">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Outcome</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field, index) => (
            <tr key={`${field.field}-${index}`} className={`is-${field.outcome}`}>
              <th scope="row" className="mono">
                {field.field}
              </th>
              <td>
                <span className={`badge badge--field-${field.outcome}`}>{field.outcome}</span>
              </td>
              <td className="wrap">{field.detail || <span className="faint">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
