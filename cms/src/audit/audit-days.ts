/** A day as the unit lives it (Vietnam, UTC+7, no daylight saving), as the ISO instants the log stores in `at`. */
export const dayStart = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();
export const dayAfter = (date: string) => new Date(new Date(`${date}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();
