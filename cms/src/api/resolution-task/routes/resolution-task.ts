import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::resolution-task.resolution-task');
