/** Building blocks for realistic Vietnamese district news. */
export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Phan'];
export const MIDDLE_NAMES = ['Văn', 'Thị', 'Mạnh', 'Quang', 'Đức', 'Thu', 'Minh', 'Hồng', 'Việt', 'Ngọc', 'Thanh', 'Quyết', 'Hữu', 'Kim'];
export const GIVEN_NAMES = ['Quyền', 'Thắng', 'Trung', 'Hà', 'Lan', 'Hùng', 'Dũng', 'Hương', 'Nam', 'Tuấn', 'Hằng', 'Phương', 'Sơn', 'Yến', 'Long', 'Bình', 'Đạt', 'Nga'];

export const POSITIONS = [
  'Bí thư Quận ủy',
  'Phó Bí thư Quận ủy, Chủ tịch UBND quận',
  'Phó Bí thư thường trực, Chủ tịch HĐND quận',
  'Phó Chủ tịch UBND quận',
  'Phó Chủ tịch HĐND quận',
  'Chủ tịch Ủy ban MTTQ Việt Nam quận',
  'Trưởng phòng Văn hóa và Thông tin quận',
  'Trưởng phòng Tài chính - Kế hoạch quận',
  'Chủ tịch UBND phường Bạch Đằng',
  'Bí thư Đảng ủy phường Đồng Tâm',
  'Chánh Văn phòng HĐND và UBND quận',
  'Trưởng Ban Tuyên giáo Quận ủy',
];

export const ORGANISATIONS = ['Quận ủy Hai Bà Trưng', 'UBND quận Hai Bà Trưng', 'HĐND quận Hai Bà Trưng', 'Ủy ban MTTQ Việt Nam quận', 'UBND phường Bạch Đằng', 'UBND phường Đồng Tâm'];

export const CATEGORIES = [
  { slug: 'tin-hoat-dong', name: 'Tin hoạt động', description: 'Hoạt động của Quận ủy, HĐND, UBND và Ủy ban MTTQ quận.' },
  { slug: 'kinh-te-xa-hoi', name: 'Kinh tế - Xã hội', description: 'Tình hình kinh tế, an sinh xã hội trên địa bàn quận.' },
  { slug: 'van-hoa-giao-duc', name: 'Văn hóa - Giáo dục', description: 'Văn hóa, thể thao, giáo dục và y tế.' },
  { slug: 'an-ninh-trat-tu', name: 'An ninh - Trật tự', description: 'An ninh chính trị, trật tự an toàn xã hội.' },
];

export const EVENTS = ['Hội nghị', 'Lễ ra quân', 'Hội thảo', 'Kỳ họp', 'Lễ khánh thành', 'Buổi tiếp xúc cử tri', 'Đại hội', 'Lễ phát động'];
export const TOPICS = [
  'tổng kết phong trào thi đua',
  'triển khai công tác cải cách hành chính',
  'bảo đảm trật tự an toàn giao thông',
  'phòng chống dịch bệnh',
  'chuyển đổi số trong cơ quan nhà nước',
  'giải phóng mặt bằng dự án đường Vành đai II',
  'xây dựng nếp sống văn minh đô thị',
  'thu ngân sách nhà nước',
  'chăm lo Tết cho hộ nghèo, hộ cận nghèo',
  'khuyến học, khuyến tài',
];
export const PLACES = ['quận Hai Bà Trưng', 'phường Bạch Đằng', 'phường Đồng Tâm', 'phường Lê Đại Hành', 'phường Bách Khoa', 'phường Vĩnh Tuy', 'phường Thanh Lương'];

export const SENTENCES = [
  'Quận đã tập trung chỉ đạo quyết liệt, triển khai đồng bộ các giải pháp và đạt nhiều kết quả tích cực.',
  'Thu ngân sách trên địa bàn đạt 103% so với dự toán, tăng 12,56% so với cùng kỳ.',
  'Công tác an sinh xã hội được bảo đảm; các chính sách hỗ trợ người dân được chi trả kịp thời.',
  'An ninh chính trị được giữ vững, trật tự an toàn xã hội được bảo đảm.',
  'Các phường đã chủ động rà soát, lập danh sách và hoàn thành sớm các chỉ tiêu được giao.',
  'Hội nghị đã biểu dương các tập thể, cá nhân có thành tích xuất sắc trong năm.',
  'Đồng chí đề nghị các đơn vị cụ thể hóa chỉ tiêu, nhiệm vụ bằng các chương trình, kế hoạch hành động.',
  'Người dân đánh giá cao sự quan tâm của chính quyền và tích cực hưởng ứng phong trào.',
];

export const TASK_TITLES = [
  'Đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân',
  'Hoàn thành công tác giải phóng mặt bằng các dự án trọng điểm',
  'Tăng cường quản lý trật tự xây dựng, trật tự đô thị',
  'Thực hiện hiệu quả chương trình chuyển đổi số',
  'Bảo đảm an sinh xã hội, chăm lo người có công và hộ khó khăn',
  'Giữ vững an ninh chính trị, trật tự an toàn xã hội',
];

/** Issuing bodies of generated Văn bản: the office part of their symbol, what they issue, who signs. */
export const ISSUING_BODIES = [
  { name: 'UBND quận Hai Bà Trưng', office: 'UBND', types: ['Quyết định', 'Chỉ thị', 'Kế hoạch', 'Thông báo', 'Công văn', 'Báo cáo', 'Hướng dẫn'], positions: ['Chủ tịch UBND quận', 'Phó Chủ tịch UBND quận'] },
  { name: 'HĐND quận Hai Bà Trưng', office: 'HĐND', types: ['Nghị quyết', 'Kế hoạch', 'Thông báo', 'Báo cáo'], positions: ['Chủ tịch HĐND quận', 'Phó Chủ tịch HĐND quận'] },
  { name: 'UBND phường Bạch Đằng', office: 'UBND', types: ['Quyết định', 'Kế hoạch', 'Thông báo', 'Công văn', 'Báo cáo'], positions: ['Chủ tịch UBND phường', 'Phó Chủ tịch UBND phường'] },
  { name: 'UBND phường Đồng Tâm', office: 'UBND', types: ['Quyết định', 'Kế hoạch', 'Thông báo', 'Công văn', 'Báo cáo'], positions: ['Chủ tịch UBND phường', 'Phó Chủ tịch UBND phường'] },
  { name: 'UBND phường Vĩnh Tuy', office: 'UBND', types: ['Quyết định', 'Kế hoạch', 'Thông báo', 'Công văn'], positions: ['Chủ tịch UBND phường', 'Phó Chủ tịch UBND phường'] },
] as const;

/** The managed list of document types with the symbol a number carries (QĐ in 12/2021/QĐ-UBND). */
export const DOCUMENT_TYPES = [
  { name: 'Nghị quyết', symbol: 'NQ' },
  { name: 'Quyết định', symbol: 'QĐ' },
  { name: 'Chỉ thị', symbol: 'CT' },
  { name: 'Kế hoạch', symbol: 'KH' },
  { name: 'Thông báo', symbol: 'TB' },
  { name: 'Công văn', symbol: 'CV' },
  { name: 'Báo cáo', symbol: 'BC' },
  { name: 'Hướng dẫn', symbol: 'HD' },
] as const;

/** Fields (lĩnh vực) of generated Văn bản. */
export const SUBJECT_AREAS = ['Cải cách hành chính', 'Tài chính - Ngân sách', 'Đất đai - Xây dựng', 'Văn hóa - Xã hội', 'Giáo dục - Đào tạo', 'Y tế', 'Quốc phòng - An ninh', 'Tiếp cận thông tin'];
