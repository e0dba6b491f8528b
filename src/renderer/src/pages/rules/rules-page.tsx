import { useEffect, useRef, useState, type DragEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { Icon } from '../../components/icon'
import { saveTextFile } from '../../lib/save-file'
import { useRulesStore } from '../../store/rules-store'
import { ImportReport } from './import-report'
import { RuleEditorPage } from './rule-editor-page'
import { RulesTable } from './rules-table'

export interface RulesPageProps {
  /** `new` or a rule id opens the editor; nothing shows the list. */
  path?: string
  params: string
}

export function RulesPage({ path, params }: RulesPageProps) {
  if (path) return <RuleEditorPage key={path} ruleId={path === 'new' ? null : path} params={params} />
  return <RulesList />
}

function RulesList() {
  const store = useRulesStore(
    useShallow((s) => ({
      ids: s.ids,
      load: s.load,
      error: s.error,
      selected: s.selected,
      actionError: s.actionError,
      importing: s.importing,
      importReport: s.importReport,
      importError: s.importError,
      fetch: s.fetch,
      importXml: s.importXml,
      exportXml: s.exportXml,
      dismissImport: s.dismissImport,
    })),
  )
  const fileInput = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const { fetch, importXml } = store

  useEffect(() => {
    void fetch()
  }, [fetch])

  const importFile = async (file: File | undefined) => {
    if (!file) return
    await importXml(file.name, await file.text())
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    void importFile(event.dataTransfer.files[0])
  }
  const onExport = async () => {
    const xml = await store.exportXml()
    if (xml !== null)
      saveTextFile(`hookbench-rules-${new Date().toISOString().slice(0, 10)}.xml`, xml, 'application/xml')
  }

  return (
    <section
      className={dragging ? 'page drop-target is-dragging' : 'page drop-target'}
      aria-labelledby="rules-title"
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false)
      }}
      onDrop={onDrop}
    >
      <header className="page__header">
        <h1 id="rules-title">Rules</h1>
        <p className="muted">Filter → window → condition → OPEN, REPEAT, CANCEL → actions.</p>
        <div className="page__header-actions">
          <a className="button button--primary" href="#/rules/new">
            <Icon name="plus" />
            New rule
          </a>
          <button
            type="button"
            className="button"
            disabled={store.importing}
            onClick={() => fileInput.current?.click()}
          >
            {store.importing ? 'Importing…' : 'Import ATSD XML…'}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".xml,application/xml,text/xml"
            className="visually-hidden"
            aria-label="Rules XML file"
            tabIndex={-1}
            onChange={(event) => {
              void importFile(event.target.files?.[0])
              event.target.value = ''
            }}
          />
          <button
            type="button"
            className="button"
            disabled={store.ids.length === 0}
            onClick={() => void onExport()}
          >
            <Icon name="download" />
            {store.selected.length > 0 ? `Export ${store.selected.length} selected` : 'Export all'}
          </button>
        </div>
      </header>
      <div className="page__body page__body--scroll">
        {dragging && (
          <div className="drop-target__hint" aria-hidden="true">
            Drop an ATSD rules XML file to import it
          </div>
        )}
        {store.importError && (
          <div className="callout callout--error" role="alert">
            <p className="callout__title">The file could not be imported</p>
            <ErrorMessage error={store.importError} />
            <button type="button" className="button" onClick={store.dismissImport}>
              Dismiss
            </button>
          </div>
        )}
        {store.importReport && (
          <ImportReport
            fileName={store.importReport.fileName}
            result={store.importReport.result}
            onDismiss={store.dismissImport}
          />
        )}
        {store.actionError && (
          <div className="callout callout--error" role="alert">
            <ErrorMessage error={store.actionError} />
          </div>
        )}
        {store.load === 'error' && store.error ? (
          <ErrorState title="Could not load rules" error={store.error} onRetry={() => void fetch()} />
        ) : store.load !== 'ready' ? (
          <LoadingState label="Loading rules…" />
        ) : store.ids.length === 0 ? (
          <div className="state-view">
            <h2 className="state-view__title">No rules yet</h2>
            <p className="muted">
              Write one, or import the rules XML you exported from ATSD: choose the file, or drop it on this
              page.
            </p>
            <a className="button button--primary" href="#/rules/new">
              Write a rule
            </a>
          </div>
        ) : (
          <RulesTable />
        )}
      </div>
    </section>
  )
}
