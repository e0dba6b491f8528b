import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ExportMenu } from '../../components/export-menu'
import { isEmptyFilter } from '../../lib/filter-url'
import { formatCount, formatTotal } from '../../lib/format'
import { EXPORT_LIMIT, EXPORT_MIME, type ExportFormat } from '../../lib/request-export'
import { saveTextFile } from '../../lib/save-file'
import { inViewOrder } from '../../lib/selection'
import { useRequestsStore } from '../../store/requests-store'

type Scope = 'selected' | 'filter'

/** The toolbar's Export: the checked requests, or every request matching the filter, as HAR or JSON. */
export function RequestsExport() {
  const store = useRequestsStore(
    useShallow((s) => ({
      ids: s.ids,
      checked: s.checked,
      total: s.total,
      totalCapped: s.totalCapped,
      filter: s.filter,
      exporting: s.exporting,
      exportRequests: s.exportRequests,
    })),
  )
  const [choice, setChoice] = useState<Scope>('selected')
  const [saved, setSaved] = useState<string | null>(null)
  const scope: Scope = store.checked.length > 0 ? choice : 'filter'
  const filtered = !isEmptyFilter(store.filter)
  const allLabel = `${filtered ? 'All matching the filter' : 'All requests'} (${formatTotal(store.total, store.totalCapped)}${store.total > EXPORT_LIMIT ? `, newest ${formatCount(EXPORT_LIMIT)}` : ''})`

  const download = async (format: ExportFormat) => {
    const file = await store.exportRequests(
      format,
      scope === 'selected'
        ? { kind: 'selected', ids: inViewOrder(store.ids, store.checked) }
        : { kind: 'filter' },
    )
    if (!file) return
    saveTextFile(file.fileName, file.text, EXPORT_MIME)
    setSaved(
      `Saved ${formatCount(file.count)} ${file.count === 1 ? 'request' : 'requests'} as ${file.fileName}`,
    )
  }

  return (
    <ExportMenu
      id="export-requests"
      title="Export requests"
      busy={store.exporting.busy}
      error={store.exporting.error}
      done={saved}
      disabled={store.total === 0 && store.checked.length === 0}
      onExport={(format) => void download(format)}
    >
      <fieldset className="popover__list">
        <legend>Which requests</legend>
        <label className="choice">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'selected'}
            disabled={store.checked.length === 0}
            onChange={() => setChoice('selected')}
          />
          <span>
            Checked ({formatCount(store.checked.length)})
            {store.checked.length === 0 && (
              <span className="muted"> · Ctrl+click or Space to check rows</span>
            )}
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'filter'}
            onChange={() => setChoice('filter')}
          />
          <span>{allLabel}</span>
        </label>
      </fieldset>
    </ExportMenu>
  )
}
