import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::resolution-task.resolution-task');
