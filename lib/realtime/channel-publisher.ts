import type { SeatDiffMessage } from './batch-seat-diff';

export type SendBatch = (channel: string, messages: SeatDiffMessage[]) => Promise<void>;

/**
 * Seat-diff messages to Pusher, per channel: sent at once when nothing is on its way to that
 * channel; otherwise kept until the call in flight returns, then sent in version order, up to
 * `perCall` in one call (Pusher's batch limit is 10 events). In an on-sale every hold is a diff,
 * and holds finish out of order: one HTTP call per diff cost CPU, and a map that receives version
 * 12 before 11 sees a gap and refetches. Here the publishing instance sends each channel's
 * diffs in order and in few calls. (Instances still publish independently; a map handles what
 * arrives out of order across them as before.)
 *
 * Resolves when the message's call returns, rejects when it fails.
 */
export function channelPublisher(send: SendBatch, perCall = 10): (channel: string, messages: SeatDiffMessage[]) => Promise<void> {
  type Item = { message: SeatDiffMessage; settle: (error?: unknown) => void };
  const queues = new Map<string, Item[]>();

  async function drain(channel: string, queue: Item[]): Promise<void> {
    while (queue.length > 0) {
      queue.sort((a, b) => a.message.version - b.message.version || a.message.part - b.message.part);
      const batch = queue.splice(0, perCall);
      let failure: unknown;
      try {
        await send(
          channel,
          batch.map((item) => item.message),
        );
      } catch (error) {
        failure = error ?? new Error('publish failed');
      }
      for (const item of batch) item.settle(failure);
    }
    queues.delete(channel);
  }

  return (channel, messages) => {
    const waiting = queues.get(channel);
    const queue = waiting ?? [];
    const sent = messages.map(
      (message) =>
        new Promise<void>((resolve, reject) => {
          queue.push({ message, settle: (error) => (error === undefined ? resolve() : reject(error)) });
        }),
    );
    if (!waiting) {
      queues.set(channel, queue);
      void drain(channel, queue);
    }
    return Promise.all(sent).then(() => {});
  };
}
