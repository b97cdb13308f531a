/**
 * The unit's profile pages and its current leaders, read once per build from the content
 * store (lib/queries.ts keeps the shared lists; these are small).
 */
import { getCollection } from 'astro:content';
import { attendancesByPerson, attendees } from './queries';
import { profileTree } from './profile-tree';
import type { Attendee } from './schemas';

/** Every published profile page, as a tree. */
export const profile = async () => profileTree((await getCollection('pages')).map((entry) => entry.data));

const vietnamese = new Intl.Collator('vi');

/** The current leaders (a leaderOrder set), in that order. */
export async function leaders(): Promise<Attendee[]> {
  return (await attendees())
    .filter((person) => person.leaderOrder !== null)
    .sort((a, b) => a.leaderOrder! - b.leaderOrder! || vietnamese.compare(a.fullName, b.fullName));
}

/** Each current leader with the events they attended, newest first, with the position held at each. */
export async function leadersWithAttendances() {
  const byPerson = await attendancesByPerson();
  return (await leaders()).map((person) => ({ person, attendances: byPerson.get(person.documentId) ?? [] }));
}
