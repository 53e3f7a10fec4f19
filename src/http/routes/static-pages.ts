import { PAGE_PATHS } from '../../page-paths.js';
import { HTTPResponse } from 'h3';
import { STYLESHEET_CSS, STYLESHEET_PATH } from '../assets/style.js';
import type { RouteTable } from '../route-table.js';
import { htmlResponse } from '../responses.js';
import { renderHomePage } from '../views/home.js';

/** The landing page and the one stylesheet: no database, no state. */
export function registerStaticRoutes(routes: RouteTable): void {
  routes.add('GET', PAGE_PATHS.home, () => htmlResponse(200, renderHomePage()));
  routes.add(
    'GET',
    STYLESHEET_PATH,
    // The stylesheet holds no secret: it may be cached (security headers still apply otherwise).
    () =>
      new HTTPResponse(STYLESHEET_CSS, {
        headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
      }),
  );
}
