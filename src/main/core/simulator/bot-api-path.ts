// Where client libraries send a Bot API call when pointed at `http://HOST/sim` (docs/simulator.md "Base URL"):
// Telegraf resolves `./bot<token>/<method>` against apiRoot with `new URL()`, so without a trailing slash the
// `/sim` is dropped (`/bot<token>/…`); a base URL written with a trailing slash by a library that appends
// `/bot…` gives `/sim//bot<token>/…`. Both reach the simulator as `/sim/bot<token>/…`.
const ROOT_BOT_CALL = /^\/+(?=(?:file\/)?bot\d+:)/
const DOUBLED_SLASH = /^\/sim\/{2,}/

/** The path a Bot API call to the simulator is routed by: `/sim/bot<token>/<method>` for each spelling. */
export function simulatorBotApiPath(url: string): string {
  if (DOUBLED_SLASH.test(url)) return url.replace(DOUBLED_SLASH, '/sim/')
  if (ROOT_BOT_CALL.test(url)) return url.replace(ROOT_BOT_CALL, '/sim/')
  return url
}
