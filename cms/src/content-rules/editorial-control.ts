import { errors } from '@strapi/utils';
import type { Caller } from './caller';

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/** Publishing articles is what makes an admin an editor (Biên tập, or a super admin). */
const EDITOR_ACTION = 'plugin::content-manager.explorer.publish';
const EDITOR_SUBJECT = 'api::article.article';

/**
 * Nothing an author does reaches the public without an editor. A type without draft &
 * publish (attendees, tasks, categories, site settings) goes live with every write, so only
 * admins who may publish write it, whichever admin route (create, update, clone, bulk
 * actions) carries the write. The RBAC permissions say the same, so the admin hides the
 * buttons; this holds if a role is edited by hand.
 */
export function checkEditorialControl(caller: Caller, uid: string, action: string, liveOnWrite: boolean): void {
  if (caller.kind !== 'admin' || !liveOnWrite || !WRITES.has(action)) return;
  if (caller.ability?.can(EDITOR_ACTION, EDITOR_SUBJECT)) return;
  throw new errors.ForbiddenError(`${uid}: only an editor may change this type; its changes are public at once`);
}
