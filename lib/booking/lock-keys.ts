// Redis lock key per ticket; the value is the reservation id that owns it.
export const ticketLockKey = (ticketId: string) => `lock:ticket:${ticketId}`;
export const ticketIdFromLockKey = (key: string) => key.slice(key.lastIndexOf(':') + 1);
