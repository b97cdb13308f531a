import { QUESTION_TOPICS, question as questionType, type QuestionTopic } from '../content-model/types/question.js';
import { entryPath } from '../content-model/urls.js';
import type { PlainMail } from './send-mail';

/** What the mails read of a question, as stored. */
export interface StoredQuestion {
  documentId: string;
  title: string;
  slug?: string | null;
  topic: string;
  question: string;
  askerName?: string | null;
  askerEmail?: string | null;
  submittedAt?: string | Date | null;
  answer?: string | null;
  answeringUnit?: string | null;
  answeredAt?: string | null;
}

const topicLabel = (topic: string) => QUESTION_TOPICS[topic as QuestionTopic] ?? topic;

const vietnamTime = (value: string | Date) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));

/** A date field (`2026-12-01`) as Vietnamese readers write it, with no time zone to shift it. */
const calendarDate = (value: string) => value.split('-').reverse().join('/');

/** To the editors: a question has come in, with the link that opens it in the admin. */
export function newQuestionMail(q: StoredQuestion, to: string[], adminUrl: string): PlainMail {
  const link = `${adminUrl.replace(/\/+$/, '')}/content-manager/collection-types/${questionType.uid}/${encodeURIComponent(q.documentId)}`;
  return {
    to,
    subject: `[Hỏi đáp] ${topicLabel(q.topic)}: ${q.title}`,
    text: [
      'Có câu hỏi mới gửi qua mục Hỏi đáp của cổng thông tin.',
      '',
      `Chủ đề: ${topicLabel(q.topic)}`,
      `Tiêu đề: ${q.title}`,
      `Người hỏi: ${q.askerName || '(không để lại tên)'}`,
      `Email trả lời: ${q.askerEmail ? 'có (xem trong trang quản trị)' : 'không'}`,
      ...(q.submittedAt ? [`Gửi lúc: ${vietnamTime(q.submittedAt)}`] : []),
      '',
      'Câu hỏi:',
      q.question,
      '',
      `Trả lời trong trang quản trị (câu hỏi đang là bản nháp): ${link}`,
      '',
      'Để công khai: ghi câu trả lời, đơn vị trả lời và ngày trả lời, rồi xuất bản.',
    ].join('\n'),
  };
}

/** To the asker, once: the answer, and where it is public. */
export function answerMail(q: StoredQuestion & { askerEmail: string; slug: string }, siteUrl: string): PlainMail {
  const link = new URL(entryPath(questionType, q.slug), siteUrl).href;
  return {
    to: [q.askerEmail],
    subject: `Trả lời câu hỏi của bạn: ${q.title}`,
    text: [
      `Kính gửi ${q.askerName || 'ông/bà'},`,
      '',
      `Câu hỏi bạn gửi${q.submittedAt ? ` lúc ${vietnamTime(q.submittedAt)}` : ''} đã được trả lời và công khai tại:`,
      link,
      '',
      'Câu hỏi:',
      q.question,
      '',
      `Trả lời${q.answeringUnit ? ` của ${q.answeringUnit}` : ''}${q.answeredAt ? ` (ngày ${calendarDate(q.answeredAt)})` : ''}:`,
      q.answer ?? '',
      '',
      'Email này được gửi một lần, tự động. Địa chỉ email của bạn không được công khai.',
    ].join('\n'),
  };
}
