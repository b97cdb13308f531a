import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { QUESTION_TOPICS } from '../../../cms/src/content-model/types/question.js';
import { QUESTION_TOKEN_NAME } from '../../../cms/src/bootstrap/ensure-question-token.js';
import samples from '../../../cms/src/seed/sample-questions.json' with { type: 'json' };
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { rest } from '../../helpers/rest.js';
import { startSmtpInbox, type SmtpInbox } from '../../helpers/smtp-inbox.js';
import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../helpers/test-database.js';

const QUESTION = CONTENT_TYPES.question.uid;
const EDITORS = 'bientap@phuong.test';
const REFUSED = 'hop-thu-day@phuong.test';
const SITE_URL = 'https://phuong.example.vn';

const blamedPaths = (body: any): string[] => (body?.error?.details?.errors ?? []).map((e: { path: unknown[] }) => e.path.join('.'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Hỏi đáp: the question token, the rules on what it files and on publishing, and the mail, on one database. */
export function questionsSuite(client: DatabaseClient): void {
  let db: TestDatabase;
  let cms: TestStrapi;
  let inbox: SmtpInbox;
  let full: string;

  /** What the engagement service sends for a citizen. */
  const ask = (data: Record<string, unknown>, query = '') =>
    rest(`${cms.url}/api/questions${query}`, { method: 'POST', token: cms.questionToken, body: { data } });
  const rows = (documentId: string) => cms.strapi.db.query(QUESTION).findMany({ where: { documentId } });
  const answer = (documentId: string, extra: Record<string, unknown> = {}) =>
    cms.strapi.documents(QUESTION).update({
      documentId,
      data: { answer: 'Trả lời **mẫu**.', answeringUnit: 'Bộ phận Một cửa', answeredAt: '2026-12-01', ...extra } as never,
    });

  beforeAll(async () => {
    inbox = await startSmtpInbox({ refuse: [REFUSED] });
    db = await createTestDatabase(client);
    cms = await bootStrapi(db, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(inbox.port),
      SMTP_SECURE: 'false',
      MAIL_FROM: 'Cổng thông tin phường <no-reply@phuong.test>',
      QUESTION_NOTIFY_TO: `${EDITORS}, pho-ban@phuong.test`,
      SITE_URL,
    });
    full = await cms.fullAccessToken();
  });

  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
    await inbox?.close();
    for (const name of ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'MAIL_FROM', 'QUESTION_NOTIFY_TO', 'SITE_URL']) delete process.env[name];
  });

  describe('the sample question, imported on first boot', () => {
    it('is published with its answer, marked as sample data, and read by the site token without private fields', async () => {
      const answer = await rest(`${cms.url}/api/questions`, { token: cms.siteToken });
      expect(answer.status).toBe(200);
      expect(answer.body.data.map((q: { title: string }) => q.title)).toEqual(samples.questions.map((q) => q.title));
      const [q] = answer.body.data;
      expect(q.question).toMatch(/^Dữ liệu mẫu/);
      expect(q.answer).toMatch(/^Dữ liệu mẫu/);
      expect(q).not.toHaveProperty('askerEmail');
      expect(q).not.toHaveProperty('askerNotifiedAt');
    });
  });

  describe('the question token', () => {
    it('is a custom token with exactly the create permission, saved with mode 600', async () => {
      const token = await cms.strapi.db.query('admin::api-token').findOne({ where: { name: QUESTION_TOKEN_NAME }, populate: ['permissions'] });
      expect(token.type).toBe('custom');
      expect(token.permissions.map((p: { action: string }) => p.action)).toEqual([`${QUESTION}.create`]);
      expect(statSync(process.env.QUESTION_TOKEN_FILE!).mode & 0o777).toBe(0o600);
    });

    it('files a question as a draft, with only the citizen fields, as plain NFC text, dated by the CMS', async () => {
      const before = Date.now();
      const decomposed = 'Xin hỏi về thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ'.normalize('NFD');
      const sent = await ask(
        {
          topic: 'dat_dai',
          question: `<b>${decomposed}</b> <script>alert(1)</script>trong phường?`,
          askerName: '<i>Trần Văn Bình</i>',
          askerEmail: 'Binh@Example.com',
          answer: 'Câu trả lời giả',
          answeringUnit: 'Giả mạo',
          answeredAt: '2020-01-01',
          submittedAt: '2000-01-01T00:00:00Z',
          slug: 'cau-hoi-gia',
          askerNotifiedAt: '2020-01-01T00:00:00Z',
        },
        '?status=published',
      );
      expect(sent.status).toBe(201);
      expect(sent.body.data).not.toHaveProperty('askerEmail');
      const stored = await rows(sent.body.data.documentId);
      expect(stored).toHaveLength(1);
      const [q] = stored;
      expect(q.publishedAt).toBeNull();
      expect(q.question).toBe(`${decomposed.normalize('NFC')} trong phường?`);
      expect(q.question).toBe(q.question.normalize('NFC'));
      expect(q.title).toBe(q.question);
      expect(q.askerName).toBe('Trần Văn Bình');
      expect(q.askerEmail).toBe('binh@example.com');
      expect([q.answer, q.answeringUnit, q.answeredAt, q.askerNotifiedAt]).toEqual([null, null, null, null]);
      expect(q.slug).not.toBe('cau-hoi-gia');
      expect(new Date(q.submittedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    });

    it('titles a long question by its first words, cut at a word', async () => {
      const words = Array.from({ length: 80 }, (_, i) => `từ${i}`).join(' ');
      const sent = await ask({ topic: 'khac', question: words });
      expect(sent.status).toBe(201);
      const [q] = await rows(sent.body.data.documentId);
      expect(q.title.length).toBeLessThanOrEqual(200);
      expect(q.title.endsWith('…')).toBe(true);
      expect(words.startsWith(q.title.slice(0, -1))).toBe(true);
    });

    it('gives a question titled like the section\'s own pages another slug', async () => {
      const sent = await ask({ title: 'Gửi câu hỏi', topic: 'khac', question: 'Làm sao để gửi câu hỏi?' });
      expect(sent.status).toBe(201);
      const [q] = await rows(sent.body.data.documentId);
      expect(['gui-cau-hoi', 'da-gui', 'trang', 'chu-de']).not.toContain(q.slug);
    });

    it('refuses an empty question or a bad topic with a 400 naming the field', async () => {
      const empty = await ask({ topic: 'khac', question: '<b></b>' });
      expect(empty.status).toBe(400);
      expect(blamedPaths(empty.body)).toEqual(['question']);
      const topic = await ask({ topic: 'chinh_tri', question: 'Câu hỏi?' });
      expect(topic.status).toBe(400);
      expect(JSON.stringify(topic.body)).toContain('topic');
      const long = await ask({ topic: 'khac', question: 'a'.repeat(2001) });
      expect(long.status).toBe(400);
    });

    it('reads nothing, changes nothing and creates nothing else', async () => {
      const { documentId } = (await ask({ topic: 'an_ninh', question: 'Câu hỏi của người dân?' })).body.data;
      const attempts: Array<[string, string, unknown?]> = [
        ['GET', '/api/questions'],
        ['GET', '/api/questions?status=draft'],
        ['GET', `/api/questions/${documentId}?status=draft`],
        ['PUT', `/api/questions/${documentId}`, { data: { answer: 'x' } }],
        ['DELETE', `/api/questions/${documentId}`],
        ['POST', '/api/articles', { data: { title: 'Tin giả', body: 'x' } }],
        ['GET', '/api/articles'],
        ['POST', '/api/notices', { data: { title: 'Thông báo giả' } }],
        ['GET', '/api/upload/files'],
      ];
      for (const [method, path, body] of attempts) {
        const answer = await rest(`${cms.url}${path}`, { method, token: cms.questionToken, body });
        expect([method, path, answer.status]).toEqual([method, path, 403]);
      }
      expect(await rows(documentId)).toHaveLength(1);
    });

    it('is the only token besides full-access ones that writes: the site and preview tokens and the public cannot file a question', async () => {
      for (const token of [cms.siteToken, cms.previewToken, undefined]) {
        const answer = await rest(`${cms.url}/api/questions`, { method: 'POST', token, body: { data: { topic: 'khac', question: 'Câu hỏi?' } } });
        expect(answer.status).toBe(403);
      }
    });
  });

  describe('publishing', () => {
    it.each([
      ['answer', { answer: '' }],
      ['answeringUnit', { answeringUnit: null }],
      ['answeredAt', { answeredAt: null }],
    ])('needs %s (a 400 naming it), on every path', async (field, blank) => {
      const sent = await ask({ topic: 'an_sinh', question: `Câu hỏi thiếu ${field}?` });
      const { documentId } = sent.body.data;
      await answer(documentId, blank);
      await expect(cms.strapi.documents(QUESTION).publish({ documentId })).rejects.toMatchObject({ details: { errors: [{ path: [field] }] } });
      const viaRest = await rest(`${cms.url}/api/questions/${documentId}?status=published`, { method: 'PUT', token: full, body: { data: { title: 'Sửa tiêu đề' } } });
      expect(viaRest.status).toBe(400);
      expect(blamedPaths(viaRest.body)).toEqual([field]);
      expect((await rows(documentId)).every((row: { publishedAt: unknown }) => row.publishedAt === null)).toBe(true);
    });

    it('refuses a slug an editor types that is one of the section\'s pages', async () => {
      await expect(
        cms.strapi.documents(QUESTION).create({ data: { title: 'Câu hỏi', topic: 'khac', question: 'Câu hỏi?', slug: 'da-gui' } as never }),
      ).rejects.toMatchObject({ details: { errors: [{ path: ['slug'] }] } });
    });
  });

  describe('mail', () => {
    it("tells the editors of a citizen's question, in plain text, with the topic, the title and the admin link", async () => {
      const sent = await ask({ topic: 'moi_truong', title: 'Rác thải <b>ở ngõ 12</b>', question: 'Rác ở ngõ 12 không được thu gom <img src=x onerror=alert(1)> ba ngày nay.' });
      const { documentId } = sent.body.data;
      const mail = await inbox.waitFor(EDITORS, (m) => m.text.includes(documentId));
      expect(mail.to).toEqual([EDITORS, 'pho-ban@phuong.test']);
      expect(mail.subject).toBe(`[Hỏi đáp] ${QUESTION_TOPICS.moi_truong}: Rác thải ở ngõ 12`);
      expect(mail.headers).toMatch(/Content-Type: text\/plain/i);
      expect(mail.text).toContain('Rác ở ngõ 12 không được thu gom  ba ngày nay.');
      expect(mail.text).not.toContain('<img');
      expect(mail.text).toContain(`/admin/content-manager/collection-types/${QUESTION}/${documentId}`);
    });

    it('mails the asker once, when the answer is first published, with the answer and its public link', async () => {
      const asker = 'nguoi-hoi@example.com';
      const sent = await ask({ topic: 'giao_duc_y_te', title: 'Tiêm chủng cho trẻ', question: 'Lịch tiêm chủng tháng này ở trạm y tế?', askerEmail: asker });
      const { documentId } = sent.body.data;
      await answer(documentId, { answer: 'Trạm y tế phường tiêm vào **thứ Tư** hằng tuần.' });
      await cms.strapi.documents(QUESTION).publish({ documentId });
      const mail = await inbox.waitFor(asker);
      const [published] = (await rows(documentId)).filter((row: { publishedAt: unknown }) => row.publishedAt);
      expect(mail.subject).toBe('Trả lời câu hỏi của bạn: Tiêm chủng cho trẻ');
      expect(mail.text).toContain('Trạm y tế phường tiêm vào **thứ Tư** hằng tuần.');
      expect(mail.text).toContain(`${SITE_URL}/hoi-dap/${published.slug}/`);
      expect(mail.text).toContain('Bộ phận Một cửa');
      for (let i = 0; i < 50 && (await rows(documentId)).some((row: { askerNotifiedAt: unknown }) => !row.askerNotifiedAt); i += 1) await pause(100);
      expect((await rows(documentId)).every((row: { askerNotifiedAt: unknown }) => row.askerNotifiedAt)).toBe(true);

      // An edit and a second publish (here through REST) mail no one again.
      const again = await rest(`${cms.url}/api/questions/${documentId}?status=published`, { method: 'PUT', token: full, body: { data: { answeringUnit: 'UBND phường' } } });
      expect(again.status).toBe(200);
      expect(again.body.data).not.toHaveProperty('askerEmail');
      expect(again.body.data).not.toHaveProperty('askerNotifiedAt');
      await pause(1500);
      expect(inbox.mails.filter((m) => m.to.includes(asker))).toHaveLength(1);
    });

    it('never fails the write when the mail fails, and tries again at the next publish', async () => {
      const sent = await ask({ topic: 'kinh_te', question: 'Đăng ký hộ kinh doanh ở đâu?', askerEmail: REFUSED });
      expect(sent.status).toBe(201);
      const { documentId } = sent.body.data;
      await answer(documentId);
      await expect(cms.strapi.documents(QUESTION).publish({ documentId })).resolves.toBeTruthy();
      await pause(1500);
      expect(inbox.mails.filter((m) => m.to.includes(REFUSED))).toHaveLength(0);
      expect((await rows(documentId)).every((row: { askerNotifiedAt: unknown }) => !row.askerNotifiedAt)).toBe(true);
      expect((await rows(documentId)).some((row: { publishedAt: unknown }) => row.publishedAt)).toBe(true);
    });

    it('lets no editor set when the asker was mailed', async () => {
      const sent = await ask({ topic: 'khac', question: 'Câu hỏi thử?', askerEmail: 'khac@example.com' });
      const { documentId } = sent.body.data;
      const edit = await rest(`${cms.url}/api/questions/${documentId}?status=draft`, { method: 'PUT', token: full, body: { data: { askerNotifiedAt: '2026-01-01T00:00:00Z' } } });
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      expect((await rows(documentId))[0].askerNotifiedAt).toBeNull();
    });
  });
}
