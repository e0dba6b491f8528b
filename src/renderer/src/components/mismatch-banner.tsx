import type { AppErrorShape } from '@shared/errors'

export interface MismatchBannerProps {
  error: AppErrorShape
}

/**
 * Above every page once an answer shown before the contract checks loaded fails its check (api/client.ts
 * checkOutput): the window and the core disagree, and what the page shows may be wrong.
 */
export function MismatchBanner({ error }: MismatchBannerProps) {
  return (
    <div className="callout callout--error app__banner" role="alert">
      <span className="callout__title">This window and Hookbench disagree</span>
      <span>{error.message}</span>
    </div>
  )
}
