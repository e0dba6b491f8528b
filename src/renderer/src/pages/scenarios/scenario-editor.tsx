import { useMemo, useState } from 'react'
import type { ScenarioProblem } from '@shared/scenarios'
import { CodeEditor } from '../../components/code-editor'
import { problemSpan, offsetAt } from '../../lib/scenario-file'

export interface ScenarioEditorProps {
  path: string
  text: string
  /** The problems of the saved text (the core checks on save). */
  problems: readonly ScenarioProblem[]
  onChange(text: string): void
}

/** The YAML with its problems underlined, and the list of them: a click moves the cursor there. */
export function ScenarioEditor({ path, text, problems, onChange }: ScenarioEditorProps) {
  const [cursor, setCursor] = useState<{ pos: number; seq: number } | undefined>()
  const diagnostics = useMemo(
    () => problems.map((p) => ({ ...problemSpan(text, p.line, p.column), message: p.message })),
    [problems, text],
  )
  return (
    <div className="scn-editor">
      <CodeEditor
        id="scenario-text"
        label={`Scenario ${path}`}
        value={text}
        onChange={onChange}
        mode="yaml"
        diagnostics={diagnostics}
        invalid={problems.length > 0}
        cursor={cursor}
      />
      {problems.length > 0 && (
        <ul className="scn-problems" aria-label="Problems">
          {problems.map((problem, index) => (
            <li key={index}>
              <button
                type="button"
                className="scn-problems__item"
                onClick={() =>
                  setCursor((c) => ({
                    pos: offsetAt(text, problem.line, problem.column),
                    seq: (c?.seq ?? 0) + 1,
                  }))
                }
              >
                <span className="scn-problems__where">
                  {problem.line}:{problem.column}
                </span>
                {problem.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
