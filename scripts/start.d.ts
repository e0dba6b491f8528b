/** Whether Electron can start here: its binary, or why not (scripts/start.js). */
export function electronLaunch(where: {
  electronDir: string | null
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
}): { path: string } | { reason: string }
/** electronLaunch() for the installed electron package, `env` (default process.env) and this platform. */
export function electronHere(env?: NodeJS.ProcessEnv): { path: string } | { reason: string }
