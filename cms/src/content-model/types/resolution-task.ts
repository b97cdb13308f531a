import { declareType } from '../declaration.js';

export const resolutionTask = declareType({
  uid: 'api::resolution-task.resolution-task',
  kind: 'collectionType',
  restPath: 'resolution-tasks',
  collection: 'tasks',
  draftAndPublish: false,
  scheduled: false,
  labels: {
    singular: 'Nhiệm vụ trọng tâm',
    plural: 'Nhiệm vụ trọng tâm',
    fields: {
      title: ['Tên nhiệm vụ', ''],
      description: ['Nội dung', 'Markdown.'],
      year: ['Năm', ''],
      order: ['Số thứ tự', 'Không trùng trong cùng bài và năm.'],
      status: ['Tình trạng', 'planned: chưa thực hiện · in_progress: đang thực hiện · done: hoàn thành.'],
      responsibleUnit: ['Đơn vị chủ trì', ''],
      dueDate: ['Hạn hoàn thành', ''],
      sourceArticle: ['Bài viết nguồn', ''],
      sourceDocument: ['Văn bản nguồn', 'Văn bản đề ra nhiệm vụ này.'],
    },
  },
  admin: {
    mainField: 'title',
    list: { columns: ['year', 'order', 'title', 'status'], sortBy: 'year', order: 'DESC' },
    relationMainFields: { sourceArticle: 'title', sourceDocument: 'number' },
    editLayout: [
      [['year', 4], ['order', 4], ['status', 4]],
      [['title', 12]],
      [['description', 12]],
      [['responsibleUnit', 6], ['dueDate', 6]],
      [['sourceArticle', 6], ['sourceDocument', 6]],
    ],
  },
  // A year's tasks are one page, /nhiem-vu/<year>/.
  urlBase: '/nhiem-vu/',
  preview: { path: 'nhiem-vu', per: 'entry' },
});
