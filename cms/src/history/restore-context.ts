import { AsyncLocalStorage } from 'node:async_hooks';

// One store for every copy of this module in the process (a script loads cms/src while Strapi runs cms/dist).
const STORE = Symbol.for('portal.history.restoring');
const restoring: AsyncLocalStorage<number> = ((globalThis as Record<symbol, unknown>)[STORE] ??= new AsyncLocalStorage<number>()) as AsyncLocalStorage<number>;

/** Runs the write of a restore: the version it stores is marked `restore`, its actor still whoever asked. */
export const whileRestoring = <T>(version: number, work: () => Promise<T>): Promise<T> => restoring.run(version, work);

/** The version number being restored by the write in progress, if it is a restore. */
export const restoringVersion = (): number | undefined => restoring.getStore();
