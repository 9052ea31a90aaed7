import type { Page } from 'playwright-core';

interface Size {
  name: string;
  width: number;
  height: number;
}

// 200% zoom on a 1366×768 screen lays out as a 683×384 CSS-pixel viewport.
const ZOOM_200: Size = { name: 'zoom200', width: 683, height: 384 };

/** The screens pupils and a class see: a classroom board (two sizes), a school PC, and that PC at 200% zoom. */
export const PUPIL_SIZES = [
  { name: '1920', width: 1920, height: 1080 },
  { name: '1280', width: 1280, height: 720 },
  { name: '1366', width: 1366, height: 768 },
  ZOOM_200,
] as const;

/** The screens staff and HR see: a school PC, an administrator's small laptop, and the PC at 200% zoom. */
export const STAFF_SIZES = [{ name: '1366', width: 1366, height: 768 }, { name: '1024', width: 1024, height: 768 }, ZOOM_200] as const;

/**
 * Screenshots to look at, never kept: with SCREENSHOTS=/tmp/dir set, the page at every size, then
 * back to the size it had. Does nothing otherwise.
 */
export async function shoot(page: Page, name: string, sizes: readonly Size[] = STAFF_SIZES): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  const was = page.viewportSize();
  for (const s of sizes) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.screenshot({ path: `${dir}/${name}-${s.name}.png`, fullPage: true });
  }
  if (was) await page.setViewportSize(was);
}

export const shootPupilScreen = (page: Page, name: string): Promise<void> => shoot(page, name, PUPIL_SIZES);
