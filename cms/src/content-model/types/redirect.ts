import { declareType } from '../declaration.js';

/**
 * Chuyển hướng: an old address that answers 301/302 to where its page went, or 410 for a page
 * withdrawn on purpose. The CMS writes them on a slug change, an unpublish and a delete
 * (cms/src/redirects/); editors add their own. Live when saved, so only editors write them.
 */
export const redirect = declareType({
  uid: 'api::redirect.redirect',
  kind: 'collectionType',
  restPath: 'redirects',
  collection: 'redirects',
  draftAndPublish: false,
  scheduled: false,
  labels: {
    singular: 'Chuyển hướng',
    plural: 'Chuyển hướng',
    fields: {
      from: ['Đường dẫn cũ', 'Đường dẫn trên cổng, bắt đầu và kết thúc bằng “/”, ví dụ: /tin-tuc/ten-bai-cu/.'],
      to: ['Chuyển đến', 'Đường dẫn trên cổng, hoặc địa chỉ https của trang ngoài được phép. Để trống khi mã là 410.'],
      code: ['Mã', '301: chuyển hẳn; 302: tạm thời; 410: trang đã gỡ'],
      reason: ['Lý do gỡ', 'Hiện trên trang thông báo đã gỡ (mã 410).'],
      title: ['Tên trang đã gỡ', 'Hiện trên trang thông báo đã gỡ.'],
      firstPublishedAt: ['Ngày đăng lần đầu', 'Của trang đã gỡ.'],
      withdrawnAt: ['Ngày gỡ', ''],
      origin: ['Nguồn', 'manual: biên tập viên tạo · slugChange: tự tạo khi đổi đường dẫn · withdrawal: tự tạo khi gỡ hoặc xóa.'],
      sourceType: ['Loại nội dung gốc', 'Với mục tự tạo: loại của mục đã đổi đường dẫn hoặc bị gỡ.'],
      sourceDocumentId: ['Mã mục gốc', 'Với mục tự tạo: documentId của mục đó.'],
    },
  },
  admin: {
    mainField: 'from',
    list: { columns: ['from', 'to', 'code', 'origin'], sortBy: 'from', order: 'ASC' },
    editLayout: [
      [['from', 8], ['code', 4]],
      [['to', 12]],
      [['title', 12]],
      [['reason', 12]],
      [['firstPublishedAt', 6], ['withdrawnAt', 6]],
      [['origin', 4], ['sourceType', 4], ['sourceDocumentId', 4]],
    ],
  },
});
