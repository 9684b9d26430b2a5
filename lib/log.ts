const lastWarned = new Map<string, number>();

// An outage makes every request hit the same failure; one line per interval says it as well.
export function warnThrottled(topic: string, message: string, intervalMs = 10_000): void {
  const now = Date.now();
  if (now - (lastWarned.get(topic) ?? 0) < intervalMs) return;
  lastWarned.set(topic, now);
  console.warn(message);
}
