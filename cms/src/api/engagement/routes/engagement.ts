/**
 * The site build's one read of engagement (counts, "Đọc nhiều", the ratings' summary). A
 * Content API route, so it takes the site's token, whose only grant beyond reading our types
 * is this action (bootstrap/ensure-site-token.ts); the Public role has none.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/engagement/site-data',
      handler: 'engagement.siteData',
      config: {},
    },
  ],
};
