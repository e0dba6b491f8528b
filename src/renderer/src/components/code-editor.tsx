import { useEffect, useRef } from 'react'
import { autocompletion, completionKeymap, type CompletionContext } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { bracketMatching } from '@codemirror/language'
import { setDiagnostics } from '@codemirror/lint'
import { Annotation, Compartment, EditorState, type Extension, type Transaction } from '@codemirror/state'
import {
  Decoration,
  EditorView,
  ViewPlugin,
  keymap,
  placeholder as placeholderText,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view'
import type { CompletionAnswer } from '../lib/expr-complete'
import { tokenizeExpression, tokenizeTemplate, type Token, type TokenType } from '../lib/expr-tokens'
import { tokenizeYaml } from '../lib/yaml-tokens'
import type { EditorDiagnostic } from '../lib/rule-errors'

export type CodeEditorMode = 'expression' | 'template' | 'yaml'

export interface CodeEditorProps {
  /** The id of the editable element (what a <label htmlFor> or a test points at). */
  id: string
  /** The accessible name of the editable element. */
  label: string
  value: string
  onChange(value: string): void
  /** Expression (filter, condition) or template (text with `${…}` placeholders). */
  mode: CodeEditorMode
  /** Options at the cursor; see lib/expr-complete. */
  complete?(request: { text: string; pos: number; explicit: boolean }): CompletionAnswer | null
  /** Marks at the places the core reported. */
  diagnostics?: readonly EditorDiagnostic[]
  /** One line (chat id, URL): Enter does not break the line, pasted newlines become spaces. */
  singleLine?: boolean
  placeholder?: string
  describedBy?: string
  invalid?: boolean
  /** Shown, selectable and copyable, not editable. */
  readOnly?: boolean
  /** Moves the cursor there and focuses the editor whenever `seq` changes (a problem list's click). */
  cursor?: { pos: number; seq: number }
}

/** A CodeMirror 6 editor for rule expressions and notification templates: highlighting, completion, lint. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const latest = useRef(props)
  const attributes = useRef(new Compartment())
  useEffect(() => {
    latest.current = props
  })
  const {
    id,
    label,
    value,
    mode,
    diagnostics,
    singleLine,
    placeholder,
    describedBy,
    invalid,
    readOnly,
    cursor,
  } = props

  useEffect(() => {
    const parent = host.current
    if (!parent) return
    const source = (context: CompletionContext) => {
      const answer = latest.current.complete?.({
        text: context.state.doc.toString(),
        pos: context.pos,
        explicit: context.explicit,
      })
      if (!answer || answer.options.length === 0) return null
      return { from: answer.from, options: answer.options, validFor: /^[\p{L}\p{N}_.$'[\]{-]*$/u }
    }
    const extensions: Extension[] = [
      history(),
      keymap.of([
        ...completionKeymap,
        ...(singleLine ? [ENTER_DOES_NOTHING] : []),
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      autocompletion({ override: [source], activateOnTyping: true, icons: false }),
      highlighter(mode),
      bracketMatching(),
      EditorView.lineWrapping,
      EditorView.updateListener.of((update: ViewUpdate) => {
        const fromProps = update.transactions.some((tr) => tr.annotation(FROM_PROPS))
        if (update.docChanged && !fromProps) latest.current.onChange(update.state.doc.toString())
      }),
      attributes.current.of([]),
      ...(placeholder ? [placeholderText(placeholder)] : []),
      ...(singleLine ? [EditorState.transactionFilter.of(oneLine)] : []),
      ...(readOnly ? [EditorState.readOnly.of(true)] : []),
    ]
    const editor = new EditorView({
      parent,
      state: EditorState.create({ doc: latest.current.value, extensions }),
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
  }, [mode, singleLine, placeholder, readOnly])

  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure(
        EditorView.contentAttributes.of({
          id,
          'aria-label': label,
          ...(describedBy && { 'aria-describedby': describedBy }),
          ...(invalid && { 'aria-invalid': 'true' }),
          ...(singleLine && { 'aria-multiline': 'false' }),
        }),
      ),
    })
  }, [id, label, describedBy, invalid, singleLine, mode, placeholder])

  useEffect(() => {
    const editor = view.current
    if (!editor || editor.state.doc.toString() === value) return
    editor.dispatch({
      changes: { from: 0, to: editor.state.doc.length, insert: value },
      annotations: FROM_PROPS.of(true),
    })
  }, [value])

  useEffect(() => {
    const editor = view.current
    if (!editor || !cursor) return
    const pos = Math.min(cursor.pos, editor.state.doc.length)
    editor.dispatch({ selection: { anchor: pos }, scrollIntoView: true })
    editor.focus()
  }, [cursor])

  useEffect(() => {
    const editor = view.current
    if (!editor) return
    const length = editor.state.doc.length
    const marks = (diagnostics ?? []).map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from), length),
      severity: 'error' as const,
      message: d.message,
    }))
    editor.dispatch(setDiagnostics(editor.state, marks))
  }, [diagnostics, value, mode, singleLine, placeholder])

  const classes = [
    'code-editor',
    singleLine && 'code-editor--single',
    mode === 'yaml' && 'code-editor--yaml',
    invalid && 'is-invalid',
  ]
  return <div ref={host} className={classes.filter(Boolean).join(' ')} />
}

/** Marks a change that came in through the `value` prop, so it is not reported back as an edit. */
const FROM_PROPS = Annotation.define<boolean>()

const ENTER_DOES_NOTHING = { key: 'Enter', run: () => true }

/** Keeps a single-line editor on one line: newlines typed or pasted become spaces. */
function oneLine(tr: Transaction) {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr
  const text = tr.newDoc.toString().replace(/\r?\n/g, ' ')
  return [
    { changes: { from: 0, to: tr.startState.doc.length, insert: text }, selection: { anchor: text.length } },
  ]
}

/** Marks tokens with `tok-<type>` classes (colours in styles/editor.css). */
function highlighter(mode: CodeEditorMode): Extension {
  const decorate = (view: EditorView): DecorationSet => {
    const text = view.state.doc.toString()
    const tokens: Token[] =
      mode === 'expression'
        ? tokenizeExpression(text)
        : mode === 'yaml'
          ? tokenizeYaml(text)
          : tokenizeTemplate(text)
    return Decoration.set(
      tokens.filter((t) => t.to > t.from).map((t) => MARKS[t.type].range(t.from, t.to)),
      true,
    )
  }
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet
      constructor(view: EditorView) {
        this.decorations = decorate(view)
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = decorate(update.view)
      }
    },
    { decorations: (plugin) => plugin.decorations },
  )
}

const MARKS = Object.fromEntries(
  (
    [
      'keyword',
      'literal',
      'string',
      'number',
      'field',
      'property',
      'function',
      'operator',
      'punctuation',
      'comment',
      'placeholder',
      'invalid',
    ] as const
  ).map((type) => [type, Decoration.mark({ class: `tok-${type}` })]),
) as Record<TokenType, Decoration>
