import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ConfirmDialog } from '../../components/dialog'
import { Icon } from '../../components/icon'
import { ErrorMessage, ErrorState, LoadingState } from '../../components/state-view'
import { scenarioHref } from '../../lib/scenario-file'
import { statusMark } from '../../lib/scenario-progress'
import { selectIsDirty, useScenariosStore } from '../../store/scenarios-store'
import { useStatusStore } from '../../store/status-store'
import { NewScenarioDialog } from './new-scenario-dialog'
import { RunHistory, RunProgressView, RunResults } from './run-results'
import { ScenarioEditor } from './scenario-editor'
import { ScenariosEmpty } from './scenarios-empty'

export interface ScenariosPageProps {
  /** `file=<path>` opens that file. */
  params: string
}

export function ScenariosPage({ params }: ScenariosPageProps) {
  const s = useScenariosStore(
    useShallow((st) => ({
      folder: st.folder,
      paths: st.paths,
      files: st.files,
      load: st.load,
      error: st.error,
      open: st.open,
      fileError: st.fileError,
      saving: st.saving,
      running: st.running,
      runError: st.runError,
      progress: st.progress,
      runs: st.runs,
      run: st.run,
      dirty: selectIsDirty(st),
    })),
  )
  const actions = useScenariosStore.getState()
  const proxyUrl = useStatusStore((st) => st.status?.botApiProxyUrl ?? null)
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<string | null>(null)
  const wanted = new URLSearchParams(params).get('file')

  useEffect(() => {
    const { fetchFiles, fetchRuns } = useScenariosStore.getState()
    void fetchFiles()
    void fetchRuns()
  }, [])
  useEffect(() => {
    if (wanted) void useScenariosStore.getState().openFile(wanted)
  }, [wanted])

  const open = s.open
  return (
    <section className="page" aria-labelledby="scenarios-title">
      <header className="page__header">
        <h1 id="scenarios-title">Scenarios</h1>
        <p className="muted">
          Tests for a bot: fake users send, the bot answers, each step checks what it said. Folder:{' '}
          <code>{s.folder ?? '…'}</code>
        </p>
      </header>
      <div className="page__body two-pane scn">
        <nav className="two-pane__side scn__files" aria-label="Scenario files">
          <div className="sim__chats-head">
            <h2 className="form__title">Files</h2>
            <div className="scn__actions">
              <button type="button" className="button button--small" onClick={() => setCreating(true)}>
                <Icon name="plus" />
                New scenario
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={s.running || s.paths.length === 0}
                onClick={() => void actions.runFiles()}
              >
                <Icon name="play" />
                Run all
              </button>
            </div>
          </div>
          {s.load === 'error' && s.error ? (
            <ErrorState
              title="Could not load scenarios"
              error={s.error}
              onRetry={() => void actions.fetchFiles()}
            />
          ) : s.load !== 'ready' ? (
            <LoadingState label="Loading scenarios…" />
          ) : s.paths.length === 0 ? (
            <p className="muted pad">No scenario files yet.</p>
          ) : (
            <ul className="sim__chat-list">
              {s.paths.map((path) => {
                const file = s.files[path]
                if (!file) return null
                const status = file.lastRun?.status ?? null
                return (
                  <li key={path}>
                    <a
                      className="sim__chat scn__file"
                      href={scenarioHref(path)}
                      aria-current={open?.path === path ? 'true' : undefined}
                    >
                      <span className={`scn-mark scn-mark--${status ?? 'never'}`} aria-hidden="true">
                        {statusMark(status)}
                      </span>
                      <span className="sim__chat-text">
                        <span className="sim__chat-title">{file.name ?? path}</span>
                        <span className="muted">
                          {path} · {status ?? 'never run'}
                          {file.problems.length > 0 &&
                            ` · ${file.problems.length} problem${file.problems.length === 1 ? '' : 's'}`}
                        </span>
                      </span>
                    </a>
                  </li>
                )
              })}
            </ul>
          )}
          <h2 className="form__title pad">Runs</h2>
          <RunHistory runs={s.runs} currentId={s.run?.id ?? null} onOpen={(id) => void actions.showRun(id)} />
        </nav>
        <div className="scn__main">
          {s.fileError && <ErrorMessage error={s.fileError} />}
          {s.runError && <ErrorMessage error={s.runError} />}
          {open ? (
            <>
              <div className="scn__toolbar">
                <h2 className="form__title">
                  {open.path}
                  {s.dirty && <span className="muted"> · edited</span>}
                </h2>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={!s.dirty || s.saving}
                  onClick={() => void actions.save()}
                >
                  {s.saving ? 'Saving…' : 'Save'}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={s.running}
                  onClick={() => {
                    void (async () => {
                      if (selectIsDirty(useScenariosStore.getState()) && !(await actions.save())) return
                      await actions.runFiles([open.path])
                    })()
                  }}
                >
                  <Icon name="play" />
                  {s.running ? 'Running…' : 'Run this file'}
                </button>
                <button
                  type="button"
                  className="button button--danger-ghost"
                  onClick={() => setDeleting(open.path)}
                >
                  <Icon name="trash" />
                  Delete
                </button>
              </div>
              <ScenarioEditor
                path={open.path}
                text={open.text}
                problems={open.problems}
                onChange={(text) => actions.setText(text)}
              />
            </>
          ) : (
            s.load === 'ready' && (
              <ScenariosEmpty folder={s.folder ?? ''} proxyUrl={proxyUrl} hasFiles={s.paths.length > 0} />
            )
          )}
          {s.running && s.progress && <RunProgressView progress={s.progress} />}
          {s.running && !s.progress && <LoadingState label="Starting the run…" />}
          {!s.running && s.run && <RunResults run={s.run} />}
        </div>
      </div>
      <NewScenarioDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreate={async (name) => {
          const path = await actions.create(name)
          if (path) {
            setCreating(false)
            window.location.hash = scenarioHref(path)
          }
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting ?? ''}?`}
        confirmLabel="Delete"
        onConfirm={() => {
          if (deleting) void actions.remove(deleting)
          setDeleting(null)
          window.location.hash = '#/scenarios'
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>The file is removed from the scenario folder. Its run history stays.</p>
      </ConfirmDialog>
    </section>
  )
}
