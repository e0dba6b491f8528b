/** The Hookbench core: plain Node 24, no electron import. Shells start it with startCore(). */
export { startCore } from './create-core'
export type { Core, CoreOptions } from './create-core'
export { DataDirLockedError } from './data-dir-lock'
export { createLogger } from './log'
export type { Logger } from './log'
export { createFileSecretStore } from './settings'
export type { SecretStore } from './settings'
export type { Envelope } from './api/dispatch'
