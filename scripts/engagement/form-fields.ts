import { Parser } from 'htmlparser2';
import { z } from 'zod';
import { COMMENT_MAX_LENGTH, RATING_REASONS } from '../../cms/src/engagement/engagement-tables.js';
import { QUESTION_LIMITS, QUESTION_TOPICS } from '../../cms/src/content-model/types/question.js';

const DROPPED_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object']);

/**
 * What a person typed, as text: NFC, markup removed by a real HTML parser (the text of
 * `<b>x</b>` stays, a script's does not), control characters gone, spaces collapsed. The site
 * escapes it again when it shows it; this keeps pasted markup out of the database.
 */
export function plainText(value: string): string {
  let text = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (DROPPED_ELEMENTS.has(name)) skipping++;
      },
      onclosetag(name) {
        if (DROPPED_ELEMENTS.has(name) && skipping > 0) skipping--;
      },
      ontext(data) {
        if (skipping === 0) text += data;
      },
    },
    { decodeEntities: true },
  );
  parser.write(value);
  parser.end();
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text of at most `max` characters after cleaning; required unless `optional`. */
export const textField = (max: number, messages: { required?: string; tooLong: string }) =>
  z
    .string({ invalid_type_error: messages.required ?? 'không hợp lệ' })
    .transform(plainText)
    .refine((value) => value.length <= max, messages.tooLong)
    .refine((value) => !messages.required || value.length > 0, messages.required ?? '');

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export const pageKeyField = z.string({ required_error: 'thiếu trang' }).max(100, 'không hợp lệ');

export const ratingInput = z.object({
  k: pageKeyField,
  'huu-ich': z.enum(['co', 'khong'], { errorMap: () => ({ message: 'chọn Có hoặc Không' }) }),
  'ly-do': z.preprocess(
    emptyToUndefined,
    z.enum(Object.keys(RATING_REASONS) as [keyof typeof RATING_REASONS], { errorMap: () => ({ message: 'lý do không có trong danh sách' }) }).optional(),
  ),
  'gop-y': z.preprocess(emptyToUndefined, textField(COMMENT_MAX_LENGTH, { tooLong: `tối đa ${COMMENT_MAX_LENGTH} ký tự` }).optional()),
});
export type RatingInput = z.output<typeof ratingInput>;

const { question: questionMax, askerName: nameMax, askerEmail: emailMax } = QUESTION_LIMITS;

export const questionInput = z.object({
  'chu-de': z.enum(Object.keys(QUESTION_TOPICS) as [keyof typeof QUESTION_TOPICS], {
    errorMap: () => ({ message: 'chọn một lĩnh vực trong danh sách' }),
  }),
  'cau-hoi': textField(questionMax, { required: 'hãy viết câu hỏi', tooLong: `tối đa ${questionMax} ký tự` }).refine(
    (value) => value.length >= 10,
    'câu hỏi quá ngắn (ít nhất 10 ký tự)',
  ),
  'ho-ten': z.preprocess(emptyToUndefined, textField(nameMax, { tooLong: `tối đa ${nameMax} ký tự` }).optional()),
  email: z.preprocess(emptyToUndefined, z.string().trim().max(emailMax, `tối đa ${emailMax} ký tự`).email('địa chỉ email không hợp lệ').optional()),
  // The honeypot: people never see it, form-filling robots fill it.
  website: z.preprocess(emptyToUndefined, z.undefined({ invalid_type_error: 'ô này phải để trống' })),
  altcha: z.preprocess(emptyToUndefined, z.string().max(20_000, 'không hợp lệ').optional()),
});
export type QuestionInput = z.output<typeof questionInput>;

/** The field names people see on the forms, for a 400 that names what to fix. */
export const FIELD_LABELS: Record<string, string> = {
  k: 'Trang',
  'huu-ich': 'Hữu ích',
  'ly-do': 'Lý do',
  'gop-y': 'Góp ý',
  'chu-de': 'Lĩnh vực',
  'cau-hoi': 'Câu hỏi',
  'ho-ten': 'Họ tên',
  email: 'Email',
  website: 'Ô để trống',
  altcha: 'Xác minh',
};
