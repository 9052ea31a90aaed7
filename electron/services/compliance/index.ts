// The compliance cycle, as pure rules with an injected clock (docs/compliance.md).
export * from './types';
export * from './dates';
export * from './assignment';
export * from './status';
export * from './refresher';
export * from './retrieval';
export * from './what-changed';
export * from './reminders';
export * from './queries';
export * from './service';
export * from './catalogue';
export * from './refresher-draw';
