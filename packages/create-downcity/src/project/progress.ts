/** A step a generator reports while it works. */
export interface ProgressEvent {
  /** The step: checking the folder, writing files, installing dependencies. */
  step: 'check' | 'write' | 'install';
  /** One line for people. */
  message: string;
}

/** Hooks for progress and install output; the bin prints them, tests collect them. */
export interface GeneratorHooks {
  /** Called at the start of each step. */
  onProgress?: (event: ProgressEvent) => void;
  /** `inherit` lets the package manager draw its own progress; `pipe` (default) sends its output to `onInstallOutput`. */
  installOutput?: 'inherit' | 'pipe';
  /** Receives the package manager's output when `installOutput` is `pipe`. */
  onInstallOutput?: (chunk: string) => void;
}

/** What a generator did. */
export interface GeneratorResult {
  /** The folder written, absolute. */
  directory: string;
  /** Files written, relative to the folder. */
  written: string[];
  /** Files that already existed (with `--force`) and were left untouched. */
  kept: string[];
  /** Whether dependencies were installed. */
  installed: boolean;
}
