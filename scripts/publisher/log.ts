/** One concise line per event; the build's own output goes to its log file instead. */
export type Log = (message: string) => void;

export const consoleLog: Log = (message) => console.log(`${new Date().toISOString()} publisher: ${message}`);
export const silentLog: Log = () => {};
