import { declareType } from '../declaration.js';

export const category = declareType({
  uid: 'api::category.category',
  kind: 'collectionType',
  restPath: 'categories',
  collection: 'categories',
  draftAndPublish: false,
  scheduled: false,
  labels: {
    singular: 'Chuyên mục',
    plural: 'Chuyên mục',
    fields: {
      name: ['Tên chuyên mục', ''],
      slug: ['Đường dẫn', ''],
      description: ['Mô tả', ''],
      order: ['Thứ tự', 'Số nhỏ đứng trước.'],
      articles: ['Bài viết', ''],
    },
  },
  admin: {
    mainField: 'name',
    relationMainFields: { articles: 'title' },
  },
  slugFrom: 'name',
  urlBase: '/chuyen-muc/',
});
