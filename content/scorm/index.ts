// Everything the app knows about SCORM, in one framework-free place (no zod, no DOM, no Node):
// the versions and the cmi, the data models' elements and limits, how each item kind's answers
// are recorded and read back, durations and times, and the best walk through a scenario. The
// player, main's re-scoring, the demo, the exports and the tests all use this module.
export * from './version';
export * from './data-model';
export * from './limits';
export * from './responses';
export * from './time';
export * from './branching';
export * from './interactions';
export * from './convert';
