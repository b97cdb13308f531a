import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

const ATTENDEE = CONTENT_TYPES.attendee.uid;

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';
const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/**
 * A current leader (a person with a leaderOrder) is listed on /lanh-dao/ under their
 * position, so they must have one. It is the person's current position: the position held at
 * an event stays on each article's attendance, whatever this one becomes.
 */
export async function checkLeaderPosition(strapi: Core.Strapi, action: string, data: Record<string, unknown>, documentId: string | undefined): Promise<void> {
  if (!('leaderOrder' in data) && !('currentPosition' in data)) return;
  const current =
    action !== 'create' && documentId
      ? ((await strapi.db.query(ATTENDEE as UID.Schema).findOne({ where: { documentId }, select: ['leaderOrder', 'currentPosition'] })) as {
          leaderOrder?: unknown;
          currentPosition?: unknown;
        } | null)
      : null;
  const leaderOrder = 'leaderOrder' in data ? data.leaderOrder : current?.leaderOrder;
  const position = 'currentPosition' in data ? data.currentPosition : current?.currentPosition;
  if (isSet(leaderOrder) && isBlank(position)) {
    throw fieldError(ATTENDEE, ['currentPosition'], 'must be set for a current leader (one with a leaderOrder)');
  }
}
