/** A file a generator writes, relative to the target folder. */
export interface GeneratedFile {
  /** The path inside the target folder, with `/` separators. */
  path: string;
  /** The file content. */
  content: string;
  /** Whether the file is executable (scripts). */
  executable?: boolean;
}
