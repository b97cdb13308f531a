import { declareType } from '../declaration.js';

export const siteSetting = declareType({
  uid: 'api::site-setting.site-setting',
  kind: 'singleType',
  restPath: 'site-setting',
  collection: 'settings',
  draftAndPublish: false,
  scheduled: false,
  labels: {
    singular: 'Cài đặt cổng',
    plural: 'Cài đặt cổng',
    fields: {
      portalName: ['Tên cổng thông tin', ''],
      slogan: ['Khẩu hiệu năm', 'Hiện thành băng chữ chạy trên mọi trang.'],
      sloganYear: ['Năm của khẩu hiệu', ''],
      address: ['Địa chỉ', ''],
      phone: ['Điện thoại', ''],
      email: ['Thư điện tử', ''],
      footerText: ['Chân trang', ''],
    },
  },
  admin: { mainField: 'portalName' },
  // The slogan banner, the name and the footer are on every page.
  preview: { path: 'bieu-ngu', per: 'single' },
  build: 'full',
});
