// The pages' paths, written once: routes register them, views link to them, e-mails build links
// to them (mail/templates/links.ts). A path changed here changes everywhere at once.

export const PAGE_PATHS = {
  home: '/',
  activate: '/activate',
  /** The typed address's confirmation: the e-mail's link (GET shows a button) and the code form. */
  confirmEmail: '/activate/confirm',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  health: '/healthz',
  /** The Google flow's cookie is scoped to this prefix, the callback lives under it. */
  google: '/auth/google',
  googleCallback: '/auth/google/callback',
} as const;
