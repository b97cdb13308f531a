import formBody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { isbot } from 'isbot';
import type { Knex } from 'knex';
import { ENGAGEMENT_PATHS as PATHS, FORM_REPLY_PATHS, QUESTION_FORM_PATH } from '../../cms/src/content-model/urls.js';
import { RATED_TYPES, VIEWED_TYPES, type EngagementType } from '../../cms/src/engagement/engagement-tables.js';
import type { EngagementConfig } from './engagement-config.js';
import { ANSWER_HEADERS, refuse, refuseInvalid, wantsJson } from './form-answer.js';
import { pageKeyField, questionInput, ratingInput } from './form-fields.js';
import { pageManifest } from './page-manifest.js';
import { proofOfWork } from './proof-of-work.js';
import { InboxUnavailable, QuestionRefused, type QuestionInbox } from './question-inbox.js';
import { RateLimiter } from './rate-limit.js';
import { recordRating } from './rating-store.js';
import { visitorHasher } from './visitor-hash.js';
import type { ViewCounter } from './view-counter.js';

export interface EngagementServerOptions {
  config: EngagementConfig;
  db: Knex;
  views: ViewCounter;
  submitQuestion: QuestionInbox;
  log: (line: string) => void;
}

const HOUR = 3_600_000;
// The smallest transparent GIF: what the <noscript> image receives.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const viewable = (type: EngagementType) => (VIEWED_TYPES as readonly string[]).includes(type);
const ratable = (type: EngagementType) => (RATED_TYPES as readonly string[]).includes(type);

/**
 * The public's dynamic edge beside the static site, under /tuong-tac/: view beacons and live
 * counts, the satisfaction rating and the question form. It reads the live release's page list
 * and writes its own tables; it never writes content and never triggers a rebuild.
 */
export async function createEngagementServer(options: EngagementServerOptions): Promise<FastifyInstance> {
  const { config, db, views, log } = options;
  const app = Fastify({ trustProxy: config.trustProxy, bodyLimit: 32 * 1024, logger: false, return503OnClosing: true });
  await app.register(formBody);
  // sendBeacon posts a string as text/plain: no preflight, the body is still JSON.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('body is not JSON'), { statusCode: 400 }), undefined);
    }
  });

  const manifest = pageManifest(config.manifestFile, log);
  const visitorOf = visitorHasher(config.secret);
  const limiter = new RateLimiter(db);
  const pow = proofOfWork(db, { secret: config.secret, ...config.altcha });
  const visitor = (request: FastifyRequest) => visitorOf(request.ip, request.headers['user-agent'] ?? '');
  const robot = (request: FastifyRequest) => {
    const agent = request.headers['user-agent'] ?? '';
    return agent === '' || isbot(agent);
  };

  const sameSite = (origin: string, request: FastifyRequest) => {
    if (origin === config.siteOrigin) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  };

  // Other sites' pages may not post here: a forged vote or question carries their Origin.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && origin === config.siteOrigin) {
      // CORS for the site's own origin only, for a site served from another host than this service.
      reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    }
    if (request.method === 'GET' || request.method === 'HEAD') return;
    if (request.method === 'OPTIONS') {
      if (!origin || origin !== config.siteOrigin) return refuse(request, reply, 403, 'Origin', 'nguồn gửi không được phép');
      return reply
        .code(204)
        .headers({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, Accept', 'Access-Control-Max-Age': '600' })
        .send();
    }
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if ((origin && !sameSite(origin, request)) || (!origin && crossSite)) {
      return refuse(request, reply, 403, 'Origin', 'nguồn gửi không được phép');
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) log(`engagement ${request.method} ${request.url}: ${error.message}`);
    const field = status === 413 ? 'body' : status === 415 ? 'Content-Type' : 'body';
    return refuse(request, reply, status, field, status === 500 ? 'lỗi máy chủ, vui lòng thử lại sau' : error.message);
  });

  async function countView(request: FastifyRequest, key: string): Promise<void> {
    if (robot(request)) return;
    const page = await manifest.get(key);
    if (!page || !viewable(page.type)) return;
    const { day, visitor: who } = visitor(request);
    views.record(day, page.key, who);
  }

  app.post(PATHS.view, async (request, reply) => {
    const body = request.body as { k?: unknown } | undefined;
    const key = pageKeyField.safeParse(body?.k);
    if (!key.success) return refuse(request, reply, 400, 'k', 'thiếu hoặc sai mã trang');
    // An unknown page is answered like a known one: a beacon's answer tells nothing.
    await countView(request, key.data);
    return reply.code(204).headers(ANSWER_HEADERS).send();
  });

  app.get(PATHS.viewImage, async (request, reply) => {
    // The image is sent whatever the key: a broken one shows nothing broken on the page.
    const key = pageKeyField.safeParse((request.query as { k?: unknown }).k);
    if (key.success) await countView(request, key.data);
    return reply.headers(ANSWER_HEADERS).type('image/gif').send(PIXEL);
  });

  app.get(PATHS.liveViews, async (request, reply) => {
    const key = pageKeyField.safeParse((request.query as { k?: unknown }).k);
    if (!key.success) return refuse(request, reply, 400, 'k', 'thiếu hoặc sai mã trang');
    const page = await manifest.get(key.data);
    if (!page || !viewable(page.type)) return refuse(request, reply, 404, 'k', 'không có trang này');
    return reply.headers(ANSWER_HEADERS).send({ k: page.key, views: await views.live(page.key, page.views) });
  });

  app.post(PATHS.rate, async (request, reply) => {
    const input = ratingInput.safeParse(request.body ?? {});
    if (!input.success) return refuseInvalid(request, reply, input.error);
    const page = await manifest.get(input.data.k);
    if (!page || !ratable(page.type)) return refuse(request, reply, 400, 'k', 'trang này không nhận đánh giá');
    const { day, visitor: who } = visitor(request);
    const outcome = robot(request) ? 'duplicate' : await recordRating(db, page, day, who, input.data);
    if (wantsJson(request)) return reply.headers(ANSWER_HEADERS).send(outcome === 'duplicate' ? { ok: true, duplicate: true } : { ok: true });
    return reply.code(303).headers(ANSWER_HEADERS).header('Location', `${FORM_REPLY_PATHS.ratingThanks}${outcome === 'duplicate' ? '?da-danh-gia=1' : ''}`).send();
  });

  app.get(PATHS.altcha, async (_request, reply) => reply.headers(ANSWER_HEADERS).send(await pow.challenge()));

  app.post(PATHS.ask, async (request, reply) => {
    const input = questionInput.safeParse(request.body ?? {});
    if (!input.success) return refuseInvalid(request, reply, input.error, QUESTION_FORM_PATH);
    const { visitor: who } = visitor(request);
    const tooMany = () => refuse(request, reply, 429, 'cau-hoi', 'bạn đã gửi nhiều câu hỏi, vui lòng thử lại sau một giờ', QUESTION_FORM_PATH);
    if (!(await limiter.allow(`question:${who}`, config.questionLimitPerHour, HOUR))) return tooMany();
    if (input.data.altcha) {
      const problem = await pow.check(input.data.altcha);
      if (problem) return refuse(request, reply, 400, 'altcha', `xác minh không thành công (${problem})`, QUESTION_FORM_PATH);
    } else if (!(await limiter.allow('question:unverified', config.unverifiedLimitPerHour, HOUR))) {
      // Without JavaScript there is no proof of work: such posts share one small budget, so a
      // robot that skips the widget can crowd out only them, never the verified form.
      return refuse(request, reply, 429, 'altcha', 'hệ thống đang nhận quá nhiều câu hỏi chưa xác minh; hãy bật JavaScript hoặc thử lại sau', QUESTION_FORM_PATH);
    }
    try {
      const documentId = await options.submitQuestion(input.data);
      if (wantsJson(request)) return reply.code(201).headers(ANSWER_HEADERS).send({ ok: true, documentId });
      return reply.code(303).headers(ANSWER_HEADERS).header('Location', FORM_REPLY_PATHS.questionSent).send();
    } catch (error) {
      if (error instanceof QuestionRefused) return refuse(request, reply, 400, error.field, error.message, QUESTION_FORM_PATH);
      if (error instanceof InboxUnavailable) {
        log(`engagement: question not delivered: ${error.message}`);
        return refuse(request, reply, 503, 'cau-hoi', 'hệ thống chưa nhận được câu hỏi, vui lòng thử lại sau ít phút', QUESTION_FORM_PATH);
      }
      throw error;
    }
  });

  app.get(PATHS.status, async (_request, reply) => reply.headers(ANSWER_HEADERS).send({ ok: true, batch: views.batchSize }));

  return app;
}
