import { AppError } from '@/lib/errors';

/** hold_seats() refused companion seats without a wheelchair space in the same hold. */
export function companionAlone(ticketIds: string[]): AppError {
  return new AppError(
    'companion_alone',
    ticketIds.length === 1
      ? 'A companion seat is sold only together with a wheelchair space: add the wheelchair space beside it to the same hold.'
      : 'Companion seats are sold only together with a wheelchair space: add a wheelchair space beside them to the same hold.',
    { ticketIds },
  );
}
