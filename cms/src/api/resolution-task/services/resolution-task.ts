import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::resolution-task.resolution-task');
