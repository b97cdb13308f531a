import { declareType } from '../declaration.js';

/**
 * The topics a citizen picks on the form (/hoi-dap/gui-cau-hoi/), value → label: the schema's
 * enumeration, the site's select and filter and the engagement service's validation all read
 * this one map.
 */
export const QUESTION_TOPICS = {
  hanh_chinh: 'Thủ tục hành chính',
  dat_dai: 'Đất đai, xây dựng',
  moi_truong: 'Môi trường, đô thị',
  an_sinh: 'Lao động, an sinh xã hội',
  giao_duc_y_te: 'Giáo dục, y tế',
  an_ninh: 'An ninh, trật tự',
  kinh_te: 'Kinh doanh',
  khac: 'Khác',
} as const;

export type QuestionTopic = keyof typeof QUESTION_TOPICS;

/** The form's limits, which the schema also holds (cms/src/api/question/…/schema.json). */
export const QUESTION_LIMITS = { title: 200, question: 2000, askerName: 100, askerEmail: 254 } as const;

/** Hỏi đáp: a citizen's question (a draft until answered), answered in public by the unit. */
export const question = declareType({
  uid: 'api::question.question',
  kind: 'collectionType',
  restPath: 'questions',
  collection: 'questions',
  draftAndPublish: true,
  scheduled: false,
  labels: {
    singular: 'Câu hỏi',
    plural: 'Hỏi đáp',
    fields: {
      title: ['Tiêu đề', 'Để trống: lấy những chữ đầu của câu hỏi.'],
      slug: ['Đường dẫn', 'Tự tạo từ tiêu đề.'],
      topic: [
        'Chủ đề',
        Object.entries(QUESTION_TOPICS)
          .map(([value, label]) => `${value}: ${label}`)
          .join(' · '),
      ],
      question: ['Câu hỏi', 'Nguyên văn người dân gửi; sửa lỗi chính tả nếu cần trước khi xuất bản.'],
      askerName: ['Người hỏi', 'Tên người hỏi để lại, nếu có; được công khai.'],
      askerEmail: ['Email người hỏi', 'Không bao giờ công khai. Người hỏi nhận câu trả lời qua email này khi câu hỏi được xuất bản.'],
      submittedAt: ['Ngày gửi', 'Do hệ thống ghi khi câu hỏi đến. Giờ Việt Nam.'],
      answer: ['Câu trả lời', 'Markdown. Cần có để xuất bản.'],
      answeringUnit: ['Đơn vị trả lời', 'Ví dụ: Bộ phận Một cửa UBND phường. Cần có để xuất bản.'],
      answeredAt: ['Ngày trả lời', 'Cần có để xuất bản.'],
      askerNotifiedAt: ['Đã gửi email cho người hỏi lúc', 'Do hệ thống ghi; để trống thì lần xuất bản tới gửi email.'],
    },
  },
  admin: {
    mainField: 'title',
    list: { columns: ['title', 'topic', 'submittedAt', 'answeredAt'], sortBy: 'submittedAt', order: 'DESC' },
    editLayout: [
      [['title', 12]],
      [['topic', 6], ['slug', 6]],
      [['question', 12]],
      [['askerName', 6], ['askerEmail', 6]],
      [['submittedAt', 6], ['askerNotifiedAt', 6]],
      [['answer', 12]],
      [['answeringUnit', 8], ['answeredAt', 4]],
    ],
  },
  slugFrom: 'title',
  urlBase: '/hoi-dap/',
  preview: { path: 'hoi-dap', per: 'entry' },
});
