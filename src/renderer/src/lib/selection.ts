/** The checked rows of a list (multi-select), in the order they appear in the view. */

/** Checks `id` when it is unchecked, unchecks it when checked (Ctrl/Cmd+click, Space, a row's checkbox). */
export function toggleChecked(checked: readonly number[], id: number): number[] {
  return checked.includes(id) ? checked.filter((other) => other !== id) : [...checked, id]
}

/**
 * Shift+click: checks every row between the anchor (the last row toggled) and `id`, inclusive, keeping what
 * was already checked. Without an anchor in view, it checks `id` alone.
 */
export function checkRange(
  view: readonly number[],
  checked: readonly number[],
  anchor: number | null,
  id: number,
): number[] {
  const to = view.indexOf(id)
  if (to === -1) return [...checked]
  const from = anchor === null ? -1 : view.indexOf(anchor)
  const range = from === -1 ? [id] : view.slice(Math.min(from, to), Math.max(from, to) + 1)
  const set = new Set(checked)
  return [...checked, ...range.filter((other) => !set.has(other))]
}

/** The checked ids in view order (newest first), so an export lists them as the grid shows them. */
export function inViewOrder(view: readonly number[], checked: readonly number[]): number[] {
  const set = new Set(checked)
  const ordered = view.filter((id) => set.has(id))
  const inView = new Set(ordered)
  return [...ordered, ...checked.filter((id) => !inView.has(id))]
}
