import type { HelpRoute } from '../schema/index';

/**
 * A pupil lesson's closing whoToTell screen may leave out `routes`: it then shows the band's help
 * routes from course.yaml, so each band's routes are written once and every lesson ends with them.
 * Filled into the parsed YAML before validation, so the bundle always carries the routes.
 */
export function fillBandRoutes(moduleData: unknown, routes: HelpRoute[] | undefined): void {
  if (!routes?.length || !moduleData || typeof moduleData !== 'object') return;
  const screens = (moduleData as { screens?: unknown }).screens;
  if (!Array.isArray(screens)) return;
  for (const screen of screens) {
    if (screen && typeof screen === 'object' && (screen as { kind?: unknown }).kind === 'whoToTell' && !('routes' in screen)) {
      (screen as { routes?: HelpRoute[] }).routes = routes.map((r) => ({ ...r }));
    }
  }
}
