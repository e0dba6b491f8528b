export { createForwarding, type Forwarding, type Handed } from './forwarding-service'
