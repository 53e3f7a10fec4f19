import { type Config, DEFAULT_APP_NAME } from './config.js';

/**
 * Where a person goes next and whom they ask, on pages and in e-mails: the association's
 * application (ZDL_APP_URL, ZDL_APP_NAME) and its contact (ZDL_CONTACT). Unset, the pages keep
 * their generic wording and `zdl doctor` warns.
 */
export type Signposts = Pick<Config, 'appUrl' | 'appName' | 'contact'>;

export const NO_SIGNPOSTS: Signposts = { appUrl: undefined, appName: DEFAULT_APP_NAME, contact: undefined };

/** « Se connecter à l’application ZDL ». */
export function signInLabel(signposts: Signposts): string {
  return `Se connecter à ${signposts.appName}`;
}
