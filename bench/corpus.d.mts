/** The folder of the corpus's Markdown sections, one folder per locale. */
export const CORPUS: string;
export const CORPUS_LOCALES: readonly string[];
/** A new project in `dir` (which must not exist yet) holding the corpus, or of it only the sections whose file names `only` keeps. */
export function corpusProject(dir: string, only?: (file: string) => boolean): string;
