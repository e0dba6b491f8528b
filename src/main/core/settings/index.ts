/** The one settings module (STYLE §9) and the SecretStore interface. */
export { createSettingsService, settingsFromEnv } from './settings-service'
export type { SettingsService, SettingsOverrides, SettingsStorage } from './settings-service'
export { createFileSecretStore, createMemorySecretStore } from './secret-store'
export type { SecretStore } from './secret-store'
