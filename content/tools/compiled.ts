import type { AgeLimits, Bundle, BundleCourse, ClauseRegistry, Item, Module, Scene } from '../schema/index';
import type { Diagnostic } from './diagnostics';
import type { Path, YamlSource } from './source';

// What compiling the content produces (compile.ts), with where each part was written, so the
// checks (cross-check.ts and the rest) can point an author at file:line:col.

export interface CompiledModule {
  module: Module;
  source: YamlSource;
  /** Set when the module had errors: where each kept screen sits in the file. */
  screenIndex?: number[];
}

export interface CompiledItem {
  item: Item;
  source: YamlSource;
  /** Path of the item inside its file. */
  path: Path;
  courseId: string;
  /** Set for lesson check questions; unset for bank items. */
  moduleId?: string;
}

export interface CompiledCourse {
  course: BundleCourse;
  source: YamlSource;
  modules: CompiledModule[];
  /** Bank items and lesson questions, each with where it was written. */
  items: CompiledItem[];
}

export interface Compiled {
  root: string;
  bundle: Bundle | null;
  errors: Diagnostic[];
  registry: ClauseRegistry | null;
  registrySource: YamlSource;
  courses: CompiledCourse[];
  /** The scene catalogue and each scene's SVG. */
  scenes: CompiledScenes;
  /** content/facts/age-limits.yaml, when there is one. */
  ageLimits: AgeLimits | null;
}

/** The scene catalogue (content/pictures/scenes.yaml) and each scene compiled to SVG (pictures.ts). */
export interface CompiledScenes {
  source: YamlSource | null;
  scenes: Map<string, Scene>;
  svg: Map<string, string>;
  iconSetVersion: string;
}
