/** Making the receiver reachable over HTTPS: ngrok, an own URL, or direct HTTPS with a self-signed certificate. */
export { createTunnel, TELEGRAM_PORTS } from './tunnel'
export type { NgrokConnector, Tunnel, TunnelMode, TunnelStatus } from './tunnel'
