import { z } from 'zod';
import { Slug, YearTag, text, uniqueIds } from './ids';
import { Item } from './items';
import { Screen } from './screens';

export const MODULE_KINDS = ['lesson', 'assessment', 'refresher'] as const;
export const ModuleKind = z.enum(MODULE_KINDS);
export type ModuleKind = z.infer<typeof ModuleKind>;

export const Draw = z.strictObject({
  count: z.int().positive(),
  everySection: z.boolean().optional(),
  passPercent: z.number().min(0).max(100).optional(),
});
export type Draw = z.infer<typeof Draw>;

export const Module = z
  .strictObject({
    id: Slug,
    title: text('title'),
    summary: text('summary').optional(),
    minutes: z.number({ error: 'minutes must be a number' }).positive(),
    yearTag: YearTag.optional(),
    kind: ModuleKind,
    screens: z.array(Screen).default([]),
    questions: z.array(Item).optional(),
    draw: Draw.optional(),
  })
  .superRefine((m, ctx) => {
    uniqueIds(m.screens, ctx, ['screens'], 'screen');
    if (m.questions) uniqueIds(m.questions, ctx, ['questions'], 'item');
    if (m.kind === 'lesson' && m.screens.length === 0) ctx.addIssue({ code: 'custom', path: ['screens'], message: 'a lesson needs at least one screen' });
    if (m.kind !== 'lesson' && !m.draw) ctx.addIssue({ code: 'custom', path: ['kind'], message: `a${m.kind === 'assessment' ? 'n' : ''} ${m.kind} module needs draw: { count, everySection, passPercent }` });
  });
export type Module = z.infer<typeof Module>;
