import { declareType } from '../declaration.js';

export const attendee = declareType({
  uid: 'api::attendee.attendee',
  kind: 'collectionType',
  restPath: 'attendees',
  collection: 'attendees',
  draftAndPublish: false,
  scheduled: false,
  labels: {
    singular: 'Đại biểu',
    plural: 'Đại biểu',
    fields: {
      fullName: ['Họ và tên', ''],
      slug: ['Đường dẫn', 'Tự tạo từ họ tên.'],
      honorific: ['Danh xưng', 'Ví dụ: Đồng chí.'],
      currentPosition: ['Chức vụ hiện tại', 'Chức vụ tại từng sự kiện ghi trong bài viết.'],
      organisation: ['Cơ quan, đơn vị', ''],
      portrait: ['Ảnh chân dung', ''],
      bio: ['Tiểu sử tóm tắt', ''],
    },
  },
  admin: {
    mainField: 'fullName',
    list: { columns: ['fullName', 'currentPosition', 'organisation'], sortBy: 'fullName', order: 'ASC' },
  },
  slugFrom: 'fullName',
  urlBase: '/dai-bieu/',
  build: 'pages',
});
