/** A day as the unit lives it (Vietnam, UTC+7, no daylight saving), as the ISO instants the log stores in `at`. */
/** Today (or `at`'s day) in Vietnam, YYYY-MM-DD: what `--since` and the admin's filters take. */
export const vietnamDay = (at = new Date()) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export const dayStart = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();
export const dayAfter = (date: string) => new Date(new Date(`${date}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();
