/**
 * `npm run engagement`: the engagement service (scripts/engagement/README.md). Started by
 * `npm start` beside the CMS and the publisher; in production one or more instances behind nginx.
 */
import { ensureEngagementTables, vietnamDay } from '../../cms/src/engagement/engagement-tables.js';
import { engagementConfig } from './engagement-config.js';
import { connectDatabase } from './engagement-database.js';
import { createEngagementServer } from './engagement-server.js';
import { purgeExpired } from './expired-rows.js';
import { questionInbox } from './question-inbox.js';
import { ViewCounter } from './view-counter.js';

const log = (line: string) => console.log(`[engagement] ${line}`);
const config = engagementConfig();
const db = connectDatabase(config.database);
await ensureEngagementTables(db);
const views = new ViewCounter(db);
const app = await createEngagementServer({
  config,
  db,
  views,
  submitQuestion: questionInbox({ strapiUrl: config.strapiUrl, tokenFile: config.questionTokenFile, timeoutMs: config.strapiTimeoutMs }),
  log,
});

const flushFailed = (error: Error) => log(`flush failed, kept for the next one: ${error.message}`);
const flushTimer = setInterval(() => views.flush().catch(flushFailed), config.flushMs);
const purge = () => purgeExpired(db, vietnamDay()).catch((error: Error) => log(`purge failed: ${error.message}`));
await purge();
const purgeTimer = setInterval(purge, 3_600_000);

const address = await app.listen({ host: config.host, port: config.port });
log(`listening on ${address}/tuong-tac/ (views flushed every ${config.flushMs} ms)`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(flushTimer);
  clearInterval(purgeTimer);
  await app.close();
  // What is in memory is written before the process goes: a shutdown loses no view. A flush
  // that fails (the database busy, or a lock conflict with another instance) keeps its batch,
  // so it is tried again, for up to half a minute.
  for (let attempt = 1; ; attempt++) {
    const failed = await views.flush().then(
      () => false,
      (error: Error) => (flushFailed(error), true),
    );
    if (!failed && views.batchSize === 0) break;
    if (attempt >= 30) {
      log(`shutting down with ${views.batchSize} views not stored`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
