/** Whether Electron can start here: its binary, or why not (scripts/start.js). */
export function electronLaunch(where: {
  electronDir: string | null
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
}): { path: string } | { reason: string }
