import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StorageFaultBanner } from '@renderer/components/storage-fault-banner'

describe('StorageFaultBanner', () => {
  it('says that requests are not stored, why, and since when, as an alert', () => {
    const html = renderToStaticMarkup(
      createElement(StorageFaultBanner, {
        fault: {
          kind: 'full',
          message: 'The disk holding the data folder /d is full: requests are refused (507).',
          since: '2026-01-02T03:04:05.000Z',
        },
      }),
    )
    expect(html).toContain('role="alert"')
    const text = html.replace(/<[^>]+>/g, '')
    expect(text).toContain('Disk full: requests are not being stored')
    expect(text).toContain('The disk holding the data folder /d is full')
    expect(text).toMatch(/Since .*2026/)
  })
})
