import { z } from 'zod';
import { isUuid } from '@/lib/ids';

const id = (what: string) => z.string().refine(isUuid, `${what} must be a UUID`);

export const maxTicketsPerHold = 8;

export const reserveInputSchema = z.object({
  eventId: id('eventId'),
  ticketIds: z
    .array(id('Each ticket id'), { error: 'ticketIds must be an array of ticket ids' })
    .min(1, 'Choose at least one seat')
    .max(maxTicketsPerHold, `Hold at most ${maxTicketsPerHold} seats at once`)
    .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, 'Each seat may appear only once'),
});

export type ReserveInput = z.infer<typeof reserveInputSchema>;
