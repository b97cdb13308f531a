import { declareType } from '../declaration.js';

/** Thủ tục hành chính, each linked to its entry on the National Public Service Portal (Decree 224/2026 Art. 11). */
export const procedure = declareType({
  uid: 'api::procedure.procedure',
  kind: 'collectionType',
  restPath: 'procedures',
  collection: 'procedures',
  draftAndPublish: true,
  scheduled: false,
  labels: {
    singular: 'Thủ tục hành chính',
    plural: 'Thủ tục hành chính',
    fields: {
      code: ['Mã thủ tục', 'Mã trên Cổng Dịch vụ công quốc gia, ví dụ: 1.001234. Không trùng.'],
      name: ['Tên thủ tục', ''],
      slug: ['Đường dẫn', 'Tự tạo từ tên thủ tục.'],
      subjectArea: ['Lĩnh vực', 'Ví dụ: Hộ tịch.'],
      level: ['Mức độ', 'full_online: trực tuyến toàn trình · partial_online: trực tuyến một phần · information: cung cấp thông tin.'],
      nationalPortalUrl: ['Liên kết Cổng Dịch vụ công quốc gia', 'Địa chỉ https://dichvucong.gov.vn/… của thủ tục.'],
      implementingBody: ['Cơ quan thực hiện', ''],
      processingTime: ['Thời hạn giải quyết', ''],
      fee: ['Phí, lệ phí', ''],
      summary: ['Tóm tắt', 'Trình tự thực hiện, ngắn gọn.'],
      body: ['Nội dung chi tiết', 'Markdown: hồ sơ, trình tự, căn cứ pháp lý.'],
    },
  },
  admin: {
    mainField: 'name',
    list: { columns: ['code', 'name', 'subjectArea', 'level'], sortBy: 'code', order: 'ASC' },
    editLayout: [
      [['name', 12]],
      [['code', 4], ['subjectArea', 4], ['level', 4]],
      [['nationalPortalUrl', 12]],
      [['implementingBody', 6], ['slug', 6]],
      [['processingTime', 6], ['fee', 6]],
      [['summary', 12]],
      [['body', 12]],
    ],
  },
  slugFrom: 'name',
  urlBase: '/thu-tuc-hanh-chinh/',
  preview: { path: 'thu-tuc-hanh-chinh', per: 'entry' },
});
