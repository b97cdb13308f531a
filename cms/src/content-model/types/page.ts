import { declareType } from '../declaration.js';

/** Giới thiệu: the unit's profile (Decree 224/2026 Art. 10), one editable page each. */
export const page = declareType({
  uid: 'api::page.page',
  kind: 'collectionType',
  restPath: 'pages',
  collection: 'pages',
  draftAndPublish: true,
  scheduled: false,
  labels: {
    singular: 'Trang giới thiệu',
    plural: 'Trang giới thiệu',
    fields: {
      title: ['Tiêu đề', ''],
      slug: ['Đường dẫn', 'Tự tạo từ tiêu đề.'],
      summary: ['Tóm tắt', 'Hiện trong danh sách của trang Giới thiệu.'],
      body: ['Nội dung', 'Markdown. Cơ cấu tổ chức viết thành danh sách lồng nhau; ảnh sơ đồ chỉ đi kèm, không thay thế.'],
      image: ['Ảnh', 'Ví dụ: bản đồ hành chính. Mô tả ảnh (bắt buộc) nói điều ảnh cho thấy.'],
      parent: ['Trang cha', 'Để trống: trang nằm ngay dưới Giới thiệu.'],
      children: ['Trang con', ''],
      order: ['Thứ tự', 'Số nhỏ đứng trước.'],
      seo: ['SEO', 'Tiêu đề và mô tả khi chia sẻ, tìm kiếm.'],
    },
  },
  admin: {
    mainField: 'title',
    list: { columns: ['title', 'parent', 'order'], sortBy: 'order', order: 'ASC' },
    relationMainFields: { parent: 'title', children: 'title' },
    editLayout: [
      [['title', 8], ['order', 4]],
      [['slug', 6], ['parent', 6]],
      [['summary', 12]],
      [['image', 12]],
      [['body', 12]],
      [['children', 12]],
      [['seo', 12]],
    ],
  },
  slugFrom: 'title',
  urlBase: '/gioi-thieu/',
  preview: { path: 'gioi-thieu', per: 'entry' },
});
