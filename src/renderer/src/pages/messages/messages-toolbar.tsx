import { DebouncedInput } from '../../components/debounced-input'
import { PopoverMenu } from '../../components/popover-menu'
import { isEmptyFilter, type MessageFilter } from '../../lib/filter-url'
import { formatCount } from '../../lib/format'

export interface MessagesToolbarProps {
  filter: MessageFilter
  onFilterChange(filter: MessageFilter): void
  tagNames: readonly string[]
  columns: readonly string[]
  onColumnsChange(columns: string[]): void
  total: number
}

const TEXT_FILTERS = [
  { key: 'entity', label: 'Entity' },
  { key: 'type', label: 'Type' },
  { key: 'source', label: 'Source' },
] as const

export function MessagesToolbar({
  filter,
  onFilterChange,
  tagNames,
  columns,
  onColumnsChange,
  total,
}: MessagesToolbarProps) {
  const change = (patch: Partial<MessageFilter>) => onFilterChange({ ...filter, ...patch })
  // Columns picked earlier stay offered even when the current page has no such tag.
  const offered = [...new Set([...columns, ...tagNames])]
  const toggle = (name: string, on: boolean) =>
    onColumnsChange(on ? [...columns, name] : columns.filter((column) => column !== name))
  return (
    <div className="toolbar">
      <div className="toolbar__filters" role="search" aria-label="Filter messages">
        <DebouncedInput
          label="Message text"
          placeholder="Search message text"
          className="input"
          value={filter.text ?? ''}
          onCommit={(text) => change({ text: text || undefined })}
        />
        {TEXT_FILTERS.map(({ key, label }) => (
          <DebouncedInput
            key={key}
            label={label}
            placeholder={label}
            className="input input--narrow"
            value={filter[key] ?? ''}
            onCommit={(value) => change({ [key]: value || undefined })}
          />
        ))}
        <DebouncedInput
          label="Tag (name=value, * wildcards)"
          placeholder="tag: name=value"
          className="input"
          value={filter.tag ?? ''}
          onCommit={(tag) => change({ tag: tag || undefined })}
        />
        {!isEmptyFilter(filter) && (
          <button type="button" className="button button--ghost" onClick={() => onFilterChange({})}>
            Reset<span className="visually-hidden"> filters</span>
          </button>
        )}
      </div>
      <div className="toolbar__actions">
        <span className="toolbar__count">{formatCount(total)} messages</span>
        <PopoverMenu
          id="tag-columns"
          title="Tag columns"
          label={`Tag columns${columns.length > 0 ? ` (${columns.length})` : ''}`}
          active={columns.length > 0}
        >
          <fieldset className="popover__list">
            <legend>Show tags as columns</legend>
            {offered.length === 0 && <p className="muted">No tags on the messages in view.</p>}
            {offered.map((name) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  checked={columns.includes(name)}
                  onChange={(event) => toggle(name, event.target.checked)}
                />
                <span className="mono">{name}</span>
              </label>
            ))}
          </fieldset>
        </PopoverMenu>
      </div>
    </div>
  )
}
