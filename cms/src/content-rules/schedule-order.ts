import { fieldError } from './field-error';

/** A schedule that would unpublish before it publishes is a typo, not an intention. */
export function checkScheduleOrder(uid: string, data: Record<string, unknown>): void {
  const { publishAt, unpublishAt } = data;
  if (!publishAt || !unpublishAt) return;
  if (new Date(unpublishAt as string) <= new Date(publishAt as string)) {
    throw fieldError(uid, ['unpublishAt'], 'must be later than publishAt');
  }
}
