import type { Page } from '@playwright/test'

/** Receiver status and security incidents. */
export function createDiagnosticsPage(page: Page) {
  const receiver = page.getByRole('region', { name: 'Receiver' })
  const incidentsSection = page.getByRole('region', { name: 'Security incidents' })
  const incidents = incidentsSection.getByRole('table', { name: 'Security incidents' })
  return {
    page,
    heading: page.getByRole('heading', { name: 'Diagnostics', level: 1 }),
    receiver,
    incidentsSection,
    incidents,
    incidentRows: incidents.getByRole('row').filter({ has: page.getByRole('cell') }),
    noIncidents: incidentsSection.getByRole('heading', { name: 'No security incidents' }),
    loadOlder: page.getByRole('button', { name: 'Load older incidents' }),

    async open(baseUrl: string): Promise<void> {
      await page.goto(`${baseUrl}/#/diagnostics`)
      await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).waitFor()
    },
  }
}

export type DiagnosticsPage = ReturnType<typeof createDiagnosticsPage>
