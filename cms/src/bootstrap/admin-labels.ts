/**
 * How the admin shows each field to the district's editors: a Vietnamese label and a short
 * help text. The schema keeps English names (they are the API); these are for people.
 */
type Labels = Record<string, [label: string, description: string]>;

export const ADMIN_LABELS: Record<string, Labels> = {
  'api::article.article': {
    title: ['Tiêu đề', 'Tối đa 300 ký tự.'],
    slug: ['Đường dẫn', 'Tự tạo từ tiêu đề (không dấu, nối bằng “-”); có thể sửa.'],
    lead: ['Sa-pô', 'Đoạn tóm tắt in đậm dưới tiêu đề.'],
    body: ['Nội dung', 'Markdown. Chỉ các liên kết http(s), email và điện thoại được giữ lại.'],
    postedAt: ['Ngày đăng', 'Để trống: lấy thời điểm xuất bản lần đầu. Giờ Việt Nam.'],
    viewCount: ['Lượt xem', 'Số nguyên không âm.'],
    featured: ['Tin nổi bật', 'Hiện ở mục “Tin nổi bật” trên trang chủ.'],
    cover: ['Ảnh đại diện', 'Ảnh, chú thích, mô tả ảnh (bắt buộc) và nguồn ảnh.'],
    category: ['Chuyên mục', ''],
    attendees: ['Đại biểu tham dự', 'Theo thứ tự; ghi chức vụ tại thời điểm sự kiện.'],
    resolutionTasks: ['Nhiệm vụ trọng tâm', 'Các nhiệm vụ do bài viết này đề ra.'],
    galleries: ['Thư viện ảnh', ''],
    seo: ['SEO', 'Tiêu đề và mô tả khi chia sẻ, tìm kiếm.'],
    publishAt: ['Hẹn giờ xuất bản', 'Bài được xuất bản tự động vào thời điểm này (giờ Việt Nam).'],
    unpublishAt: ['Hẹn giờ gỡ', 'Bài được gỡ tự động vào thời điểm này.'],
  },
  'api::attendee.attendee': {
    fullName: ['Họ và tên', ''],
    slug: ['Đường dẫn', 'Tự tạo từ họ tên.'],
    honorific: ['Danh xưng', 'Ví dụ: Đồng chí.'],
    currentPosition: ['Chức vụ hiện tại', 'Chức vụ tại từng sự kiện ghi trong bài viết.'],
    organisation: ['Cơ quan, đơn vị', ''],
    portrait: ['Ảnh chân dung', ''],
    bio: ['Tiểu sử tóm tắt', ''],
  },
  'api::resolution-task.resolution-task': {
    title: ['Tên nhiệm vụ', ''],
    description: ['Nội dung', 'Markdown.'],
    year: ['Năm', ''],
    order: ['Số thứ tự', 'Bắt đầu từ 1, không trùng trong cùng bài và năm.'],
    status: ['Tình trạng', 'planned: chưa thực hiện · in_progress: đang thực hiện · done: hoàn thành.'],
    responsibleUnit: ['Đơn vị chủ trì', ''],
    dueDate: ['Hạn hoàn thành', ''],
    sourceArticle: ['Bài viết nguồn', ''],
  },
  'api::photo-gallery.photo-gallery': {
    title: ['Tên bộ ảnh', ''],
    slug: ['Đường dẫn', ''],
    description: ['Mô tả', ''],
    takenAt: ['Thời gian chụp', ''],
    photos: ['Ảnh', 'Mỗi ảnh cần mô tả ảnh (alt) cho người khiếm thị.'],
    article: ['Bài viết', ''],
    publishAt: ['Hẹn giờ xuất bản', ''],
    unpublishAt: ['Hẹn giờ gỡ', ''],
  },
  'api::category.category': {
    name: ['Tên chuyên mục', ''],
    slug: ['Đường dẫn', ''],
    description: ['Mô tả', ''],
    order: ['Thứ tự', 'Số nhỏ đứng trước.'],
    articles: ['Bài viết', ''],
  },
  'api::site-setting.site-setting': {
    portalName: ['Tên cổng thông tin', ''],
    slogan: ['Khẩu hiệu năm', 'Hiện thành băng chữ chạy trên mọi trang.'],
    sloganYear: ['Năm của khẩu hiệu', ''],
    address: ['Địa chỉ', ''],
    phone: ['Điện thoại', ''],
    email: ['Thư điện tử', ''],
    footerText: ['Chân trang', ''],
  },
};

/** List views: the columns editors scan, newest first. */
export const ADMIN_LISTS: Record<string, { columns: string[]; sortBy: string; order: 'ASC' | 'DESC' }> = {
  'api::article.article': { columns: ['title', 'category', 'postedAt', 'publishAt', 'viewCount'], sortBy: 'postedAt', order: 'DESC' },
  'api::photo-gallery.photo-gallery': { columns: ['title', 'takenAt', 'publishAt', 'article'], sortBy: 'takenAt', order: 'DESC' },
  'api::resolution-task.resolution-task': { columns: ['year', 'order', 'title', 'status'], sortBy: 'year', order: 'DESC' },
  'api::attendee.attendee': { columns: ['fullName', 'currentPosition', 'organisation'], sortBy: 'fullName', order: 'ASC' },
};

/** Which field titles an entry: the edit view's heading and its name in relation pickers. */
export const ENTRY_TITLES: Record<string, string> = {
  'api::article.article': 'title',
  'api::photo-gallery.photo-gallery': 'title',
  'api::resolution-task.resolution-task': 'title',
  'api::attendee.attendee': 'fullName',
  'api::category.category': 'name',
  'api::site-setting.site-setting': 'portalName',
};

/** Which field names a relation in the admin. */
export const MAIN_FIELDS: Record<string, Record<string, string>> = {
  'api::article.article': { category: 'name', resolutionTasks: 'title', galleries: 'title' },
  'api::resolution-task.resolution-task': { sourceArticle: 'title' },
  'api::photo-gallery.photo-gallery': { article: 'title' },
  'api::category.category': { articles: 'title' },
};

type EditRow = [string, number][];

/**
 * Edit views in the order an editor works: what the reader sees first, then the body with
 * the officials, tasks and gallery right after it, then dates and search settings.
 * Components and rich text always take a full row (Strapi's rule); sizes are of 12.
 */
export const EDIT_LAYOUTS: Record<string, EditRow[]> = {
  'api::article.article': [
    [['title', 12]],
    [['slug', 6], ['category', 6]],
    [['lead', 12]],
    [['cover', 12]],
    [['body', 12]],
    [['attendees', 12]],
    [['resolutionTasks', 6], ['galleries', 6]],
    [['postedAt', 4], ['viewCount', 4], ['featured', 4]],
    [['publishAt', 6], ['unpublishAt', 6]],
    [['seo', 12]],
  ],
  'api::photo-gallery.photo-gallery': [
    [['title', 12]],
    [['slug', 6], ['article', 6]],
    [['description', 12]],
    [['photos', 12]],
    [['takenAt', 6]],
    [['publishAt', 6], ['unpublishAt', 6]],
  ],
  'api::resolution-task.resolution-task': [
    [['year', 4], ['order', 4], ['status', 4]],
    [['title', 12]],
    [['description', 12]],
    [['responsibleUnit', 6], ['dueDate', 6]],
    [['sourceArticle', 6]],
  ],
};
