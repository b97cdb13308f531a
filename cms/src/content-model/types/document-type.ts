import { declareType } from '../declaration.js';

/** The managed list of document types (Nghị quyết, Quyết định, …): editors may add one. */
export const documentType = declareType({
  uid: 'api::document-type.document-type',
  kind: 'collectionType',
  restPath: 'document-types',
  collection: 'documentTypes',
  draftAndPublish: false,
  scheduled: false,
  labels: {
    singular: 'Loại văn bản',
    plural: 'Loại văn bản',
    fields: {
      name: ['Tên loại văn bản', 'Ví dụ: Quyết định.'],
      slug: ['Đường dẫn', ''],
      order: ['Thứ tự', 'Số nhỏ đứng trước.'],
      documents: ['Văn bản', ''],
    },
  },
  admin: {
    mainField: 'name',
    list: { columns: ['name', 'order'], sortBy: 'order', order: 'ASC' },
    relationMainFields: { documents: 'number' },
  },
  slugFrom: 'name',
  urlBase: '/van-ban/loai/',
});
