import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { MismatchBanner } from '@renderer/components/mismatch-banner'

describe('MismatchBanner', () => {
  it('is an alert with the sentence of the failed check', () => {
    const html = renderToStaticMarkup(
      createElement(MismatchBanner, {
        error: { kind: 'internal', message: 'Hookbench answered getStatus in an unexpected shape.' },
      }),
    )
    expect(html).toContain('role="alert"')
    expect(html.replace(/<[^>]+>/g, ' ')).toMatch(/disagree.*answered getStatus in an unexpected shape/)
  })
})
