import { z } from 'zod';
import { Slug, text } from './ids';
import { isSafeSvg } from './svg-safety';

/**
 * A picture on a pupil screen, question or option: a scene from the catalogue
 * (content/pictures/scenes.yaml) with alt text, or marked decorative when it adds nothing a
 * screen-reader user would miss.
 */
export const Picture = z
  .strictObject({
    scene: Slug.describe('The id of a scene in content/pictures/scenes.yaml.'),
    alt: text('alt text').optional().describe('What the picture shows here, for screen-reader users.'),
    decorative: z
      .literal(true, { error: 'decorative must be true (or leave it out and give alt text)' })
      .optional()
      .describe('true when the picture adds nothing to the words (then no alt text).'),
  })
  .superRefine((p, ctx) => {
    if (p.alt === undefined && p.decorative === undefined) ctx.addIssue({ code: 'custom', path: ['alt'], message: 'a picture needs alt text (or decorative: true if it adds nothing to the words)' });
    if (p.alt !== undefined && p.decorative !== undefined) ctx.addIssue({ code: 'custom', path: ['decorative'], message: 'a picture has alt text or is decorative, not both' });
  });
export type Picture = z.infer<typeof Picture>;

/** The scene canvas, in SVG user units (5:3, so a scene sits beside text on a wide screen). */
export const SCENE_WIDTH = 200;
export const SCENE_HEIGHT = 120;
export const BACKDROPS = ['sky', 'room', 'school', 'night', 'calm', 'alert', 'plain'] as const;

const coordinate = (max: number) => z.number({ error: 'must be a number' }).min(-20).max(max);
export const SceneLayer = z.strictObject({
  /** An icon name in the set, e.g. girl-medium, mobile-phone, locked. */
  icon: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'icon must be an icon name from the set, e.g. mobile-phone' }),
  x: coordinate(SCENE_WIDTH),
  y: coordinate(SCENE_HEIGHT),
  size: z.number().min(8).max(SCENE_HEIGHT),
  /** Mirror the icon left to right (a person facing the other way). */
  flip: z.boolean().optional(),
});
export type SceneLayer = z.infer<typeof SceneLayer>;

export const Scene = z.strictObject({
  id: Slug,
  /** What the scene shows, for authors choosing one (alt text is written where it is used). */
  shows: text('shows'),
  backdrop: z.enum(BACKDROPS, { error: `backdrop must be one of: ${BACKDROPS.join(', ')}` }),
  layers: z.array(SceneLayer).min(1, { error: 'a scene has at least one icon' }).max(8, { error: 'a scene has at most 8 icons: keep it readable at a glance' }),
});
export type Scene = z.infer<typeof Scene>;

export const SceneCatalogue = z.strictObject({
  /** The Iconify set the icons come from (an npm package @iconify-json/<set>). */
  iconSet: z.literal('fluent-emoji-flat', { error: 'iconSet must be fluent-emoji-flat (the set whose licence ships with the app)' }),
  scenes: z.array(Scene),
});
export type SceneCatalogue = z.infer<typeof SceneCatalogue>;

export const SceneSvg = z.string().max(200_000).refine(isSafeSvg, { error: 'a scene picture must be plain SVG shapes (no scripts, styles, text or outside references)' });

interface WithPictures {
  screens: { picture?: Picture }[];
}
interface ItemWithPictures {
  picture?: Picture;
  options?: { picture?: Picture }[];
  cards?: { picture?: Picture }[];
}

/** The scenes a module shows (its screens and the given questions): what to send with the lesson. */
export function scenesUsedBy(module: WithPictures, items: readonly ItemWithPictures[]): string[] {
  const ids = new Set<string>();
  const add = (p: Picture | undefined) => p && ids.add(p.scene);
  for (const s of module.screens) add(s.picture);
  for (const item of items) {
    add(item.picture);
    for (const o of item.options ?? []) add(o.picture);
    for (const c of item.cards ?? []) add(c.picture);
  }
  return [...ids].sort();
}

/** Just those scenes' SVG, from the bundle's pictures. */
export function picturesFor(all: Readonly<Record<string, string>> | undefined, sceneIds: readonly string[]): Record<string, string> {
  return Object.fromEntries(sceneIds.flatMap((id) => (all?.[id] ? [[id, all[id]]] : [])));
}
