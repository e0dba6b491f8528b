import { memo, useState } from 'react'
import { jsonChildren, tagNameOf, type JsonPath } from '../lib/json-path'
import { CopyButton } from './copy-button'
import { Icon } from './icon'

export interface JsonTreeProps {
  value: unknown
  /** Levels open at first; deeper objects start collapsed. */
  openDepth?: number
}

/** A collapsible JSON tree; each node offers its ATSD tag name (`message.chat.id`) to copy. */
export function JsonTree({ value, openDepth = 3 }: JsonTreeProps) {
  return (
    <ul className="json-tree" aria-label="JSON body">
      <JsonNode name={null} path={[]} value={value} depth={0} openDepth={openDepth} />
    </ul>
  )
}

interface JsonNodeProps {
  name: string | number | null
  path: JsonPath
  value: unknown
  depth: number
  openDepth: number
}

// Children past this many render behind a "show more" button: a 50k-element array stays responsive.
const CHILDREN_STEP = 200

const JsonNode = memo(function JsonNode({ name, path, value, depth, openDepth }: JsonNodeProps) {
  const [open, setOpen] = useState(depth < openDepth)
  const [shown, setShown] = useState(CHILDREN_STEP)
  const entries = jsonChildren(value)
  const tagName = tagNameOf(path)
  const label = name === null ? null : typeof name === 'number' ? `[${name}]` : name

  const head = (
    <>
      {label !== null && <span className="json-tree__key">{label}</span>}
      {label !== null && <span className="json-tree__colon">:</span>}
    </>
  )

  if (!entries) {
    return (
      <li className="json-tree__row">
        <span className="json-tree__leaf">
          {head}
          <JsonScalar value={value} />
          {tagName && (
            <CopyButton value={tagName} label={`Copy path ${tagName}`} iconOnly className="json-tree__copy" />
          )}
        </span>
      </li>
    )
  }

  const isArray = Array.isArray(value)
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`
  return (
    <li className="json-tree__row json-tree__branch">
      <span className="json-tree__leaf">
        <button
          type="button"
          className="json-tree__toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={tagName || 'Whole body'}
        >
          <Icon name={open ? 'chevronDown' : 'chevronRight'} />
        </button>
        {head}
        <span className="json-tree__summary">{summary}</span>
        {tagName && (
          <CopyButton value={tagName} label={`Copy path ${tagName}`} iconOnly className="json-tree__copy" />
        )}
      </span>
      {open && entries.length > 0 && (
        <ul>
          {entries.slice(0, shown).map(([key, child]) => (
            <JsonNode
              key={key}
              name={key}
              path={[...path, key]}
              value={child}
              depth={depth + 1}
              openDepth={openDepth}
            />
          ))}
          {entries.length > shown && (
            <li>
              <button type="button" className="link-button" onClick={() => setShown(shown + CHILDREN_STEP)}>
                Show {Math.min(CHILDREN_STEP, entries.length - shown)} more of {entries.length - shown}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  )
})

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="json-tree__string">{JSON.stringify(value)}</span>
  if (typeof value === 'number') return <span className="json-tree__number">{String(value)}</span>
  if (typeof value === 'boolean') return <span className="json-tree__boolean">{String(value)}</span>
  if (value === null) return <span className="json-tree__null">null</span>
  return <span>{Array.isArray(value) ? '[]' : '{}'}</span>
}
