import type { Core } from '@strapi/strapi';

// The site build pages through every entry at maxLimit; 25 keeps casual API use light.
const config: Core.Config.Api = {
  rest: {
    defaultLimit: 25,
    maxLimit: 200,
    withCount: true,
    strictParams: true,
  },
  documents: {
    strictParams: true,
    strictRelations: true,
  },
};

export default config;
