import type { Shortcut } from '../hooks/use-shortcuts'
import { Dialog } from './dialog'

export interface HelpDialogProps {
  open: boolean
  shortcuts: readonly Shortcut[]
  onClose(): void
}

export function HelpDialog({ open, shortcuts, onClose }: HelpDialogProps) {
  return (
    <Dialog
      open={open}
      title="Keyboard shortcuts"
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      }
    >
      <table className="table table--plain">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.id}>
              <td>
                <kbd>{shortcut.label}</kbd>
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
