import { requireUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { readBodyText } from '@/lib/http/body';
import { privateJson } from '@/lib/http/private-json';
import { route } from '@/lib/http/route';
import { fanChannel } from '@/lib/realtime/fan-channel';
import { getPusher } from '@/lib/realtime/pusher';

// pusher-js posts `socket_id` and `channel_name` (form-encoded) before joining a private channel.
// A fan may join only their own channel; anything else is 403 and the subscription fails.
export const POST = route(async (request) => {
  const user = await requireUser();
  const body = await readBodyText(request, 1024).catch((error: unknown) => {
    throw error instanceof AppError ? error : new AppError('bad_request', 'The request body is not valid UTF-8.');
  });
  const form = new URLSearchParams(body);
  const socketId = form.get('socket_id') ?? '';
  const channel = form.get('channel_name') ?? '';
  if (!/^\d+\.\d+$/.test(socketId)) throw new AppError('bad_request', 'socket_id is missing or malformed.');
  if (channel !== fanChannel(user.id)) throw new AppError('forbidden', 'That channel is not yours.');
  const pusher = getPusher();
  if (!pusher) throw new AppError('unavailable', 'Live updates are not configured here.');
  return privateJson(pusher.authorizeChannel(socketId, channel));
});
