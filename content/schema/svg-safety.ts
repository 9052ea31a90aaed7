// No zod here: the lesson player imports this to check scene markup before it shows it.

// What a compiled scene may contain: shapes, gradients and groups, nothing that runs, loads or styles.
const TAGS = new Set(['svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'defs', 'clipPath', 'use', 'linearGradient', 'radialGradient', 'stop', 'filter', 'feFlood', 'feColorMatrix', 'feOffset', 'feGaussianBlur', 'feBlend']);
const ATTRS = new Set([
  'xmlns', 'viewBox', 'aria-hidden', 'focusable', 'fill', 'd', 'clip-path', 'id', 'fill-rule', 'clip-rule', 'cx', 'cy', 'rx', 'ry', 'transform', 'r',
  'href', 'width', 'height', 'x', 'y', 'opacity', 'stroke', 'gradientUnits', 'stop-color', 'offset', 'stroke-miterlimit', 'stroke-width',
  'stroke-linecap', 'stroke-linejoin', 'gradientTransform', 'filter', 'color-interpolation-filters', 'filterUnits', 'flood-opacity', 'result', 'in', 'in2',
  'values', 'dx', 'dy', 'stdDeviation', 'stop-opacity', 'mode', 'type', 'fill-opacity', 'preserveAspectRatio',
]);
const TAG_RE = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"<>&]*")*)\s*(\/?)>/g;
const ATTR_RE = /\s+([a-zA-Z:-]+)="([^"<>&]*)"/g;

/**
 * True when `svg` is one <svg> of allowed shapes with allowed attributes and no text, scripts,
 * styles, event handlers or outside references (href and url() only point inside the picture).
 * The player inserts scene markup as HTML, so it checks it first even though the build made it.
 */
export function isSafeSvg(svg: string): boolean {
  if (!svg.startsWith('<svg ') || !svg.endsWith('</svg>')) return false;
  let end = 0;
  for (const m of svg.matchAll(TAG_RE)) {
    if (svg.slice(end, m.index).trim() !== '') return false; // text between tags
    end = m.index + m[0].length;
    if (!TAGS.has(m[2] ?? '')) return false;
    // One root: <svg> opens the markup and </svg> closes it, nowhere else.
    if (m[2] === 'svg' && !(m.index === 0 ? m[1] === '' : m[1] === '/' && end === svg.length)) return false;
    for (const a of (m[3] ?? '').matchAll(ATTR_RE)) {
      const [name, value] = [a[1] ?? '', a[2] ?? ''];
      if (!ATTRS.has(name)) return false;
      if (name === 'href' && !/^#[\w-]+$/.test(value)) return false;
      if (/url\(/.test(value) && !/^url\(#[\w-]+\)$/.test(value)) return false;
    }
  }
  return end === svg.length;
}
