export interface ScenariosEmptyProps {
  folder: string
  proxyUrl: string | null
  hasFiles: boolean
}

/** What a scenario is and what a run needs; shown while no file is open. */
export function ScenariosEmpty({ folder, proxyUrl, hasFiles }: ScenariosEmptyProps) {
  return (
    <div className="state-view scn-empty">
      <h2 className="state-view__title">{hasFiles ? 'Open a scenario' : 'No scenarios yet'}</h2>
      <p>
        A scenario is a <code>*.scenario.yaml</code> file: fake users and chats, then steps that send
        messages, press buttons and check what the bot answers. Write one with New scenario, record one on the
        Simulator page, or make one from a chat on the Conversations page. The format is in{' '}
        <code>docs/scenarios.md</code>.
      </p>
      <p>
        Files live in <code>{folder || 'the scenarios folder'}</code> (Settings → Scenarios changes it).
      </p>
      <p>
        A run needs your bot connected to the simulator through the Bot API proxy: start it with{' '}
        <code>BOT_API_ROOT={proxyUrl ?? '…'}</code> and the simulated bot's token. In CI:{' '}
        <code>hookbench test scenarios/ --bot "node bot.js"</code>.
      </p>
    </div>
  )
}
