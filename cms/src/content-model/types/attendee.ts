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
      bio: ['Tiểu sử tóm tắt', 'Hiện trên trang của lãnh đạo.'],
      positionEnglish: ['Chức vụ (tiếng Anh)', 'Cho trang tiếng Anh, ví dụ: Chairman of the People’s Committee.'],
      leaderOrder: ['Thứ tự lãnh đạo', 'Có số: người này đang là lãnh đạo đơn vị, hiện ở trang Lãnh đạo theo thứ tự này. Để trống khi thôi giữ chức.'],
      duties: ['Phân công nhiệm vụ', 'Các lĩnh vực, nhiệm vụ được phân công phụ trách.'],
      officePhone: ['Điện thoại cơ quan', ''],
      officialEmail: ['Thư điện tử công vụ', ''],
    },
  },
  admin: {
    mainField: 'fullName',
    list: { columns: ['fullName', 'currentPosition', 'leaderOrder', 'organisation'], sortBy: 'fullName', order: 'ASC' },
    editLayout: [
      [['fullName', 6], ['honorific', 6]],
      [['currentPosition', 6], ['organisation', 6]],
      [['slug', 6], ['portrait', 6]],
      [['bio', 12]],
      [['leaderOrder', 4], ['officePhone', 4], ['officialEmail', 4]],
      [['duties', 12]],
      [['positionEnglish', 12]],
    ],
  },
  slugFrom: 'fullName',
  urlBase: '/dai-bieu/',
});
