import { describe, expect, it } from 'vitest';
import type { SeatDiffMessage } from './batch-seat-diff';
import { channelPublisher } from './channel-publisher';

const message = (version: number, part = 1, parts = 1): SeatDiffMessage => ({ version, part, parts, changes: [] });

// A Pusher stand-in whose calls return when the test says so.
function fakePusher() {
  const calls: { channel: string; versions: string[]; finish: (error?: Error) => void }[] = [];
  const send = (channel: string, messages: SeatDiffMessage[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ channel, versions: messages.map((m) => `${m.version}.${m.part}`), finish: (e) => (e ? reject(e) : resolve()) });
    });
  return { calls, send };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('channelPublisher', () => {
  it('sends at once when idle, then everything that came meanwhile in version order, a few per call', async () => {
    const pusher = fakePusher();
    const publish = channelPublisher(pusher.send, 3);
    const first = publish('seats-a', [message(2)]);
    expect(pusher.calls.map((c) => c.versions)).toEqual([['2.1']]);

    const later = [
      publish('seats-a', [message(5)]),
      publish('seats-a', [message(3)]),
      publish('seats-a', [message(6, 1, 2), message(6, 2, 2)]),
    ];
    const fourth = publish('seats-a', [message(4)]);
    expect(pusher.calls).toHaveLength(1); // nothing more while the first call is out
    pusher.calls[0]!.finish();
    await first;
    await tick();
    expect(pusher.calls[1]!.versions).toEqual(['3.1', '4.1', '5.1']);
    pusher.calls[1]!.finish();
    await tick();
    expect(pusher.calls[2]!.versions).toEqual(['6.1', '6.2']);
    pusher.calls[2]!.finish();
    await Promise.all([...later, fourth]);
    expect(pusher.calls).toHaveLength(3);
  });

  it('rejects the messages of a failed call only, and goes on with the next', async () => {
    const pusher = fakePusher();
    const publish = channelPublisher(pusher.send);
    const first = publish('seats-a', [message(1)]);
    const second = publish('seats-a', [message(2)]);
    pusher.calls[0]!.finish(new Error('pusher down'));
    await expect(first).rejects.toThrow('pusher down');
    await tick();
    pusher.calls[1]!.finish();
    await expect(second).resolves.toBeUndefined();
  });

  it('keeps channels apart: one busy channel does not hold up another', async () => {
    const pusher = fakePusher();
    const publish = channelPublisher(pusher.send);
    void publish('seats-a', [message(1)]);
    const b = publish('seats-b', [message(7)]);
    expect(pusher.calls.map((c) => [c.channel, c.versions])).toEqual([
      ['seats-a', ['1.1']],
      ['seats-b', ['7.1']],
    ]);
    pusher.calls[1]!.finish();
    await expect(b).resolves.toBeUndefined();
  });
});
