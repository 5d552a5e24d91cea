/**
 * How large a scenario may be. YAML aliases (`&name` … `*name`) repeat a part of the file without
 * writing it again, so a small file can stand for an enormous scenario; these limits hold for the
 * scenario as it is once every alias is expanded. Each is far above any written scenario (the
 * largest built-in node holds 1,738 characters of text, the largest built-in file 20,059) and
 * above the 10,000-node scenario the analysis benchmark generates (3.7 MB, 2.0 million characters,
 * 370,000 values, no node above 400 characters), yet far below what would slow the schema, the
 * analysis, the play page or the session API.
 */
export const SIZE_LIMITS = {
  /** Bytes of a scenario file; a larger file is not read at all. */
  fileBytes: 5 * 1024 * 1024,
  /** Nodes in one scenario: what the analysis is benchmarked for. */
  nodes: 10_000,
  /** Characters of text (keys included) in one node. */
  nodeText: 20_000,
  /** Characters of text (keys included) in the whole scenario. */
  text: 4_000_000,
  /** Values of any kind (texts, numbers, lists, mappings and keys) in the whole scenario. */
  values: 1_000_000,
  /** Entries of a `say` list, a flag list (`set`, `flags`, `unset`) or a `branch` list. */
  listItems: 20,
} as const;
