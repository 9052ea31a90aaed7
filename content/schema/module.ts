import { z } from 'zod';
import { Slug, YearTag, text, uniqueIds } from './ids';
import { Item } from './items';
import { Screen } from './screens';

export const MODULE_KINDS = ['lesson', 'assessment', 'refresher'] as const;
export const ModuleKind = z.enum(MODULE_KINDS);
export type ModuleKind = z.infer<typeof ModuleKind>;

export const Draw = z.strictObject({
  count: z.int().positive().describe('How many questions each attempt draws from the course bank.'),
  everySection: z.boolean().optional().describe('Draw one question per policy section first, as far as the count allows.'),
  passPercent: z.number().min(0).max(100).optional().describe('The pass mark in percent (80 when left out).'),
});
export type Draw = z.infer<typeof Draw>;

export const Module = z
  .strictObject({
    id: Slug.describe('Module id: the file name without .yaml, listed in course.yaml modules.'),
    title: text('title').describe('The module\'s title as learners see it in the catalogue.'),
    summary: text('summary').optional().describe('One sentence under the title in the catalogue.'),
    minutes: z.number({ error: 'minutes must be a number' }).positive().describe('How long the module takes, in minutes.'),
    yearTag: YearTag.optional().describe('KS2 lessons: the year group the lesson is written for.'),
    kind: ModuleKind.describe('lesson: screens and knowledge checks; assessment or refresher: questions drawn from the bank, scored.'),
    screens: z.array(Screen).default([]).describe('The teaching screens, in order.'),
    questions: z.array(Item).optional().describe('A lesson\'s own questions (knowledge checks), asked after its screens.'),
    draw: Draw.optional().describe('Assessments and refreshers: how the questions are drawn and passed.'),
  })
  .superRefine((m, ctx) => {
    uniqueIds(m.screens, ctx, ['screens'], 'screen');
    if (m.questions) uniqueIds(m.questions, ctx, ['questions'], 'item');
    if (m.kind === 'lesson' && m.screens.length === 0) ctx.addIssue({ code: 'custom', path: ['screens'], message: 'a lesson needs at least one screen' });
    if (m.kind !== 'lesson' && !m.draw) ctx.addIssue({ code: 'custom', path: ['kind'], message: `a${m.kind === 'assessment' ? 'n' : ''} ${m.kind} module needs draw: { count, everySection, passPercent }` });
  });
export type Module = z.infer<typeof Module>;
