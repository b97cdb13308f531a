import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::photo-gallery.photo-gallery');
