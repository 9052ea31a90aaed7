import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SCENE_HEIGHT, SCENE_WIDTH, SceneCatalogue, type Picture, type Scene } from '../schema/index';
import type { CompiledCourse, CompiledScenes } from './compiled';
import type { Diagnostic } from './diagnostics';
import { parseWith } from './parse';
import type { Path, YamlSource } from './source';

/** The scene catalogue: content/pictures/scenes.yaml. */
export const SCENES_FILE = join('pictures', 'scenes.yaml');
export const ICON_PACKAGE = '@iconify-json/fluent-emoji-flat';

interface IconifyIcon {
  body: string;
  width?: number;
  height?: number;
  left?: number;
  top?: number;
}
interface IconifySet {
  prefix: string;
  width?: number;
  height?: number;
  icons: Record<string, IconifyIcon>;
  aliases?: Record<string, Partial<IconifyIcon> & { parent: string; hFlip?: boolean; vFlip?: boolean; rotate?: number }>;
}

let iconCache: { set: IconifySet; version: string } | null = null;

/** The icon set from node_modules (a build-time dependency: the bundle carries the compiled scenes). */
export function loadIconSet(): { set: IconifySet; version: string } {
  if (iconCache) return iconCache;
  const require = createRequire(import.meta.url);
  const set = JSON.parse(readFileSync(require.resolve(`${ICON_PACKAGE}/icons.json`), 'utf8')) as IconifySet;
  const { version } = JSON.parse(readFileSync(require.resolve(`${ICON_PACKAGE}/package.json`), 'utf8')) as { version: string };
  iconCache = { set, version };
  return iconCache;
}

/** An icon by name, through a plain alias (no flips or turns: a scene layer flips with `flip`). */
export function findIcon(set: IconifySet, name: string): IconifyIcon | null {
  const direct = set.icons[name];
  if (direct) return direct;
  const alias = set.aliases?.[name];
  if (!alias || alias.hFlip || alias.vFlip || alias.rotate) return null;
  const parent = set.icons[alias.parent];
  return parent ? { ...parent, ...alias, body: parent.body } : null;
}

const BACKDROP: Record<Scene['backdrop'], { fill: string; ground?: string }> = {
  sky: { fill: '#dcefff', ground: '#c5e4b0' },
  room: { fill: '#fdf0e1', ground: '#e9d4bb' },
  school: { fill: '#fff5d1', ground: '#e3d3a9' },
  night: { fill: '#2b3a5e', ground: '#1f2b47' },
  calm: { fill: '#e3f5e9' },
  alert: { fill: '#fde6e6' },
  plain: { fill: '#eef1f4' },
};

/** One scene as SVG: a rounded backdrop, then each icon placed, scaled and (if asked) mirrored. */
export function renderScene(scene: Scene, set: IconifySet): string {
  const W = SCENE_WIDTH;
  const H = SCENE_HEIGHT;
  const r = 12;
  const bg = BACKDROP[scene.backdrop];
  const parts = [`<rect width="${W}" height="${H}" rx="${r}" fill="${bg.fill}"/>`];
  if (bg.ground) parts.push(`<path d="M0 ${H - 30}h${W}v${30 - r}a${r} ${r} 0 0 1-${r} ${r}H${r}a${r} ${r} 0 0 1-${r}-${r}z" fill="${bg.ground}"/>`);
  scene.layers.forEach((layer, i) => {
    const icon = findIcon(set, layer.icon);
    if (!icon) return; // reported by checkScenes
    const w = icon.width ?? set.width ?? 16;
    const h = icon.height ?? set.height ?? 16;
    const k = layer.size / Math.max(w, h);
    // Ids inside an icon (gradients, clip paths) are made unique per scene and layer.
    const prefix = `${scene.id}-${i}-`;
    const body = icon.body
      .replace(/\sid="([^"]+)"/g, ` id="${prefix}$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
    const dx = (layer.size - w * k) / 2 - (icon.left ?? 0) * k;
    const dy = (layer.size - h * k) / 2 - (icon.top ?? 0) * k;
    const at = layer.flip ? `translate(${num(layer.x + layer.size - dx)} ${num(layer.y + dy)}) scale(${num(-k)} ${num(k)})` : `translate(${num(layer.x + dx)} ${num(layer.y + dy)}) scale(${num(k)})`;
    parts.push(`<g transform="${at}">${body}</g>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">${parts.join('')}</svg>`;
}

const num = (n: number): string => String(Math.round(n * 1000) / 1000);

export type { CompiledScenes } from './compiled';

/** Read and check the scene catalogue (absent is fine: no scenes), and compile each scene to SVG. */
export function compileScenes(root: string, load: (file: string) => YamlSource, errors: Diagnostic[]): CompiledScenes {
  const file = join(root, SCENES_FILE);
  const out: CompiledScenes = { source: null, scenes: new Map(), svg: new Map(), iconSetVersion: '' };
  if (!existsSync(file)) return out;
  const source = load(file);
  out.source = source;
  const catalogue = parseWith(SceneCatalogue, source, [], errors);
  if (!catalogue) return out;
  const { set, version } = loadIconSet();
  out.iconSetVersion = version;
  catalogue.scenes.forEach((scene, si) => {
    if (out.scenes.has(scene.id)) errors.push(source.diagnostic('duplicate', ['scenes', si, 'id'], `scene id "${scene.id}" is used twice`));
    scene.layers.forEach((layer, li) => {
      const at: Path = ['scenes', si, 'layers', li];
      if (!findIcon(set, layer.icon)) errors.push(source.diagnostic('picture', [...at, 'icon'], `icon "${layer.icon}" is not in ${ICON_PACKAGE}${suggestIcon(set, layer.icon)}`));
      if (layer.x + layer.size > SCENE_WIDTH + 20 || layer.y + layer.size > SCENE_HEIGHT + 20) {
        errors.push(source.diagnostic('picture', [...at, 'size'], `icon "${layer.icon}" runs off the ${SCENE_WIDTH}x${SCENE_HEIGHT} scene (x + size, y + size)`));
      }
    });
    out.scenes.set(scene.id, scene);
    out.svg.set(scene.id, renderScene(scene, set));
  });
  return out;
}

function suggestIcon(set: IconifySet, name: string): string {
  const stem = name.slice(0, 4);
  const near = Object.keys(set.icons).filter((n) => n.startsWith(stem) && !/-(light|medium|dark|medium-light|medium-dark)$/.test(n)).slice(0, 5);
  return near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '';
}

/** Every picture a course carries, with the file and path it was written at. */
export function picturesOf(c: CompiledCourse): { picture: Picture; source: YamlSource; path: Path }[] {
  const out: { picture: Picture; source: YamlSource; path: Path }[] = [];
  for (const { module, source, screenIndex } of c.modules) {
    module.screens.forEach((screen, kept) => {
      if (screen.picture) out.push({ picture: screen.picture, source, path: ['screens', screenIndex?.[kept] ?? kept, 'picture'] });
    });
  }
  for (const { item, source, path } of c.items) {
    if (item.picture) out.push({ picture: item.picture, source, path: [...path, 'picture'] });
    if (item.kind === 'single') item.options.forEach((o, i) => o.picture && out.push({ picture: o.picture, source, path: [...path, 'options', i, 'picture'] }));
    if (item.kind === 'sort') item.cards.forEach((card, i) => card.picture && out.push({ picture: card.picture, source, path: [...path, 'cards', i, 'picture'] }));
  }
  return out;
}

/**
 * Each picture names a scene in the catalogue, and its alt text reads well aloud: a short
 * description, not "Picture of …" (a screen reader already says it is an image).
 * Returns the scenes the courses use, in catalogue order.
 */
export function checkPictureRefs(courses: CompiledCourse[], scenes: CompiledScenes, errors: Diagnostic[]): string[] {
  const used = new Set<string>();
  for (const c of courses) {
    for (const { picture, source, path } of picturesOf(c)) {
      if (!scenes.scenes.has(picture.scene)) {
        const where = scenes.source ? `content/${SCENES_FILE}` : `content/${SCENES_FILE} (there is no scene catalogue)`;
        errors.push(source.diagnostic('picture', [...path, 'scene'], `unknown scene "${picture.scene}": add it to ${where} or pick one that is there`));
        continue;
      }
      used.add(picture.scene);
      if (picture.alt && /^(a |an )?(picture|image|photo|illustration|icon) (of|showing)\b/i.test(picture.alt)) {
        errors.push(source.diagnostic('picture', [...path, 'alt'], `alt text starts "${picture.alt.split(' ').slice(0, 3).join(' ')}": describe what it shows; a screen reader already says it is a picture`));
      }
    }
  }
  return [...scenes.scenes.keys()].filter((id) => used.has(id));
}
