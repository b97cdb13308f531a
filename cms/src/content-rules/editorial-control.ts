import { errors } from '@strapi/utils';
import type { Caller } from './caller';

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
/** What changes the public site whatever the type: putting up, taking down. */
const PUBLIC_ACTIONS = new Set(['publish', 'unpublish', 'delete']);

/**
 * The roles that may make things public: Biên tập and the super admin. Keyed on the role,
 * not on its permissions, so that a permission added to Tác giả by hand does not make an
 * author an editor; a new custom role is not one either until it is added here.
 */
const EDITOR_ROLES = new Set(['strapi-editor', 'strapi-super-admin']);

/**
 * Nothing an author does reaches the public without an editor. A type declared without draft
 * & publish (attendees, tasks, categories, site settings) goes live with every write, so only
 * admins who may publish write it, whichever admin route (create, update, clone, bulk
 * actions) carries the write; and only they publish, unpublish or delete anything. The
 * RBAC permissions say the same, so the admin hides the buttons; this holds if a role is
 * edited by hand.
 */
export function checkEditorialControl(caller: Caller, uid: string, action: string, liveOnWrite: boolean): void {
  if (caller.kind !== 'admin') return;
  if (!PUBLIC_ACTIONS.has(action) && !(liveOnWrite && WRITES.has(action))) return;
  if (caller.roles.some((role) => EDITOR_ROLES.has(role))) return;
  throw new errors.ForbiddenError(
    liveOnWrite ? `${uid}: only an editor may change this type; its changes are public at once` : `${uid}: only an editor may ${action} an entry`,
  );
}
