import type { CSSProperties, KeyboardEvent, PointerEvent, ReactNode } from 'react'

export interface SplitViewProps {
  main: ReactNode
  /** The side panel; when null the main pane takes the whole width. */
  side: ReactNode | null
  sideWidth: number
  minSideWidth: number
  maxSideWidth: number
  onResize(width: number): void
  sideLabel: string
}

const STEP_PX = 24

/**
 * Main pane and a resizable side panel; the divider drags with the pointer or moves with ←/→. In a narrow
 * window (requests.css) the side panel stacks below the main pane at full width instead.
 */
export function SplitView({
  main,
  side,
  sideWidth,
  minSideWidth,
  maxSideWidth,
  onResize,
  sideLabel,
}: SplitViewProps) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = event.currentTarget
    const container = handle.parentElement
    if (!container) return
    handle.setPointerCapture(event.pointerId)
    const right = container.getBoundingClientRect().right
    const move = (e: globalThis.PointerEvent) => onResize(right - e.clientX)
    const stop = () => {
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', stop)
      handle.removeEventListener('pointercancel', stop)
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', stop)
    handle.addEventListener('pointercancel', stop)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = { ArrowLeft: STEP_PX, ArrowRight: -STEP_PX }[event.key]
    if (delta === undefined) return
    event.preventDefault()
    onResize(sideWidth + delta)
  }
  return (
    <div className="split-view">
      <div className="split-view__main">{main}</div>
      {side !== null && (
        <>
          <div
            className="split-view__handle"
            role="separator"
            aria-orientation="vertical"
            aria-label={`Resize ${sideLabel}`}
            aria-valuenow={sideWidth}
            aria-valuemin={minSideWidth}
            aria-valuemax={maxSideWidth}
            tabIndex={0}
            onPointerDown={onPointerDown}
            onKeyDown={onKeyDown}
          />
          <div className="split-view__side" style={{ '--side-width': `${sideWidth}px` } as CSSProperties}>
            {side}
          </div>
        </>
      )}
    </div>
  )
}
