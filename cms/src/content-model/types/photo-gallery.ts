import { declareType } from '../declaration.js';

export const photoGallery = declareType({
  uid: 'api::photo-gallery.photo-gallery',
  kind: 'collectionType',
  restPath: 'photo-galleries',
  collection: 'galleries',
  draftAndPublish: true,
  scheduled: true,
  labels: {
    singular: 'Thư viện ảnh',
    plural: 'Thư viện ảnh',
    fields: {
      title: ['Tên bộ ảnh', ''],
      slug: ['Đường dẫn', ''],
      description: ['Mô tả', ''],
      takenAt: ['Thời gian chụp', ''],
      photos: ['Ảnh', 'Mỗi ảnh cần mô tả ảnh (alt) cho người khiếm thị.'],
      article: ['Bài viết', ''],
      publishAt: ['Hẹn giờ xuất bản', ''],
      unpublishAt: ['Hẹn giờ gỡ', ''],
      viewCount: ['Lượt xem', 'Tự đếm từ lượt xem trên trang công khai; số sửa tay không được lưu.'],
      withdrawalReason: ['Lý do gỡ (khi gỡ bài)', 'Ghi lý do trước khi bấm Gỡ xuất bản; hiện trên trang thông báo đã gỡ.'],
    },
  },
  admin: {
    mainField: 'title',
    list: { columns: ['title', 'takenAt', 'publishAt', 'article'], sortBy: 'takenAt', order: 'DESC' },
    relationMainFields: { article: 'title' },
    editLayout: [
      [['title', 12]],
      [['slug', 6], ['article', 6]],
      [['description', 12]],
      [['photos', 12]],
      [['takenAt', 6], ['viewCount', 6]],
      [['publishAt', 6], ['unpublishAt', 6]],
      [['withdrawalReason', 12]],
    ],
  },
  slugFrom: 'title',
  urlBase: '/thu-vien-anh/',
  withdrawal: { reasonField: 'withdrawalReason', titleFields: ['title'] },
  preview: { path: 'thu-vien-anh', per: 'entry' },
});
