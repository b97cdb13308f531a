import { declareType } from '../declaration.js';

/** Thông báo, with an optional site-wide alert banner (also for planned downtime, Decree 224/2026 Art. 12). */
export const notice = declareType({
  uid: 'api::notice.notice',
  kind: 'collectionType',
  restPath: 'notices',
  collection: 'notices',
  draftAndPublish: true,
  scheduled: true,
  labels: {
    singular: 'Thông báo',
    plural: 'Thông báo',
    fields: {
      title: ['Tiêu đề', ''],
      slug: ['Đường dẫn', 'Tự tạo từ tiêu đề.'],
      kind: ['Loại thông báo', 'general: thông báo chung · downtime: tạm dừng hệ thống (báo trước ít nhất 7 ngày làm việc).'],
      postedAt: ['Ngày đăng', 'Để trống: lấy thời điểm xuất bản lần đầu. Giờ Việt Nam.'],
      summary: ['Tóm tắt', ''],
      body: ['Nội dung', 'Markdown.'],
      alertSeverity: ['Mức cảnh báo', 'Để trống: không hiện băng cảnh báo. info: thông tin · warning: chú ý · urgent: khẩn.'],
      alertText: ['Nội dung băng cảnh báo', 'Để trống: dùng tiêu đề.'],
      alertStartsAt: ['Băng cảnh báo hiện từ', 'Để trống: từ khi xuất bản. Giờ Việt Nam.'],
      alertEndsAt: ['Băng cảnh báo ẩn lúc', 'Để trống: đến khi gỡ thông báo. Sau thời điểm bắt đầu.'],
      publishAt: ['Hẹn giờ xuất bản', 'Thông báo được xuất bản tự động vào thời điểm này (giờ Việt Nam).'],
      unpublishAt: ['Hẹn giờ gỡ', 'Thông báo được gỡ tự động vào thời điểm này.'],
    },
  },
  admin: {
    mainField: 'title',
    list: { columns: ['title', 'kind', 'postedAt', 'alertSeverity', 'alertStartsAt', 'alertEndsAt'], sortBy: 'postedAt', order: 'DESC' },
    editLayout: [
      [['title', 12]],
      [['slug', 6], ['kind', 6]],
      [['summary', 12]],
      [['body', 12]],
      [['alertSeverity', 4], ['alertText', 8]],
      [['alertStartsAt', 6], ['alertEndsAt', 6]],
      [['postedAt', 4], ['publishAt', 4], ['unpublishAt', 4]],
    ],
  },
  slugFrom: 'title',
  urlBase: '/thong-bao/',
  preview: { path: 'thong-bao', per: 'entry' },
});
