// The content contract: zod schemas and types for authored YAML, the compiled bundle and the
// neutral answer record. Framework-free so the main process, the player and the exporter share it.
export * from './ids';
export * from './policy';
export * from './screens';
export * from './items';
export * from './module';
export * from './course';
export * from './bundle';
export * from './answer-key';
export * from './answer-record';
export * from './draw';
export * from './pictures';
export * from './svg-safety';
export * from './placeholders';
export * from './facts';
export * from './teaches';
export * from './unkeyed';
export * from './unkeyed-item';
