import { memo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ConfirmDialog } from '../../components/dialog'
import { formatDateTime } from '../../lib/format'
import { ruleSummary } from '../../lib/rule-draft'
import { selectRule, useRulesStore } from '../../store/rules-store'

/** Every rule: pick for export, switch on and off, open, delete. */
export function RulesTable() {
  const { ids, selected, setSelected, remove } = useRulesStore(
    useShallow((s) => ({ ids: s.ids, selected: s.selected, setSelected: s.setSelected, remove: s.remove })),
  )
  const [deleting, setDeleting] = useState<string | null>(null)
  const deletingRule = useRulesStore((s) => (deleting ? s.byId[deleting] : undefined))
  const allSelected = ids.length > 0 && selected.length === ids.length
  const toggle = (id: string, on: boolean) =>
    setSelected(on ? [...selected, id] : selected.filter((s) => s !== id))

  return (
    <>
      <table className="table table--data rules-table" aria-label="Rules">
        <thead>
          <tr>
            <th scope="col" className="cell-check">
              <input
                type="checkbox"
                aria-label="Select all rules"
                checked={allSelected}
                onChange={(event) => setSelected(event.target.checked ? ids : [])}
              />
            </th>
            <th scope="col">Name</th>
            <th scope="col">Enabled</th>
            <th scope="col">Filter and condition</th>
            <th scope="col">Window</th>
            <th scope="col" className="num">
              Open alerts
            </th>
            <th scope="col">Last fired</th>
            <th scope="col">Last error</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <RuleRow
              key={id}
              id={id}
              selected={selected.includes(id)}
              onSelect={toggle}
              onDelete={setDeleting}
            />
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete rule "${deletingRule?.name ?? ''}"?`}
        confirmLabel="Delete"
        onConfirm={() => {
          if (deleting) void remove(deleting)
          setDeleting(null)
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>Its open alerts are cancelled; their history stays.</p>
      </ConfirmDialog>
    </>
  )
}

interface RuleRowProps {
  id: string
  selected: boolean
  onSelect(id: string, on: boolean): void
  onDelete(id: string): void
}

const RuleRow = memo(function RuleRow({ id, selected, onSelect, onDelete }: RuleRowProps) {
  const rule = useRulesStore(selectRule(id))
  const toggling = useRulesStore((s) => s.toggling.includes(id))
  const setEnabled = useRulesStore((s) => s.setEnabled)
  if (!rule) return null
  return (
    <tr>
      <td className="cell-check">
        <input
          type="checkbox"
          aria-label={`Select ${rule.name}`}
          checked={selected}
          onChange={(event) => onSelect(id, event.target.checked)}
        />
      </td>
      <th scope="row">
        <a href={`#/rules/${encodeURIComponent(id)}`}>{rule.name}</a>
      </th>
      <td>
        <label className="switch switch--small">
          <input
            type="checkbox"
            role="switch"
            aria-label={`${rule.name} enabled`}
            checked={rule.enabled}
            disabled={toggling}
            onChange={(event) => void setEnabled(id, event.target.checked)}
          />
        </label>
      </td>
      <td className="mono cell-message" title={ruleSummary(rule)}>
        {ruleSummary(rule)}
      </td>
      <td className="mono">{rule.window}</td>
      <td className="num">
        {rule.openAlerts > 0 ? <a href="#/alerts">{rule.openAlerts}</a> : <span className="faint">0</span>}
      </td>
      <td className="nowrap">
        {rule.lastFiredAt ? formatDateTime(rule.lastFiredAt) : <span className="faint">never</span>}
      </td>
      <td className="cell-message">
        {rule.lastError ? (
          <span
            className="text-error"
            title={`${formatDateTime(rule.lastError.at)}: ${rule.lastError.message}`}
          >
            {rule.lastError.message}
          </span>
        ) : (
          <span className="faint">none</span>
        )}
      </td>
      <td className="cell-actions">
        <button
          type="button"
          className="button button--small button--danger-ghost"
          onClick={() => onDelete(id)}
        >
          Delete
        </button>
      </td>
    </tr>
  )
})
