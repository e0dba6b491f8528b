/** The webhook receiver: `/api/v1/messages/webhook/*`, its credentials and throttling. */
export { receiverPlugin } from './receiver-plugin'
export type { ReceiverDeps } from './receiver-plugin'
export { createAuthenticator, hashPassword } from './credentials'
export type { Authenticator } from './credentials'
export { createThrottle } from './throttle'
export type { Throttle } from './throttle'
export { createUsersService } from './users-service'
export type { UsersService } from './users-service'
