import type { Locator, Page } from '@playwright/test'

/** Receiver, tunnel and webhook status; deliveries; security incidents. */
export function createDiagnosticsPage(page: Page) {
  const receiver = page.getByRole('region', { name: 'Receiver' })
  const incidentsSection = page.getByRole('region', { name: 'Security incidents' })
  const incidents = incidentsSection.getByRole('table', { name: 'Security incidents' })
  const deliveriesSection = page.getByRole('region', { name: 'Deliveries' })
  const deliveries = deliveriesSection.getByRole('table', { name: 'Deliveries' })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Diagnostics', level: 1 }),
    receiver,
    tunnel: page.getByRole('region', { name: 'Tunnel' }),
    webhook: page.getByRole('region', { name: 'Telegram webhook' }),
    incidentsSection,
    incidents,
    incidentRows: incidents.getByRole('row').filter({ has: page.getByRole('cell') }),
    noIncidents: incidentsSection.getByRole('heading', { name: 'No security incidents' }),
    loadOlder: page.getByRole('button', { name: 'Load older incidents' }),
    deliveriesSection,
    deliveries,
    deliveryRows: deliveries.getByRole('row').filter({ has: page.getByRole('cell') }),
    noDeliveries: deliveriesSection.getByRole('heading', { name: 'No deliveries yet' }),
    /** The expand button of a delivery row. */
    deliveryDetails: (row: Locator): Locator =>
      row.getByRole('button', { name: /^Details of delivery \d+$/ }),
    deliveryRequest: (id: number): Locator =>
      deliveries.getByRole('region', { name: `Request of delivery ${id}` }),

    async open(baseUrl: string): Promise<void> {
      await page.goto(`${baseUrl}/#/diagnostics`)
      await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()
    },
  }
}

export type DiagnosticsPage = ReturnType<typeof createDiagnosticsPage>
