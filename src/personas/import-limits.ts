// How much one import may bring. The limits keep an import within about 1 GB of memory and
// a few minutes (docs/benchmarks.md measures the largest file they accept); field lengths
// are in file-format.ts, next to the fields.

export interface ImportLimits {
  /** Bytes of one persona file, checked before it is read. */
  fileBytes: number;
  /** Personas in one file, checked before its personas are read. */
  personas: number;
}

// Measured (bench/import.ts, docs/benchmarks.md): the largest synthetic file these accept,
// 10,000 personas with five jobs each in 10.1 MiB, peaks at about 720 MiB on the embedded
// store, PGlite included (20,000 personas and 20 MiB went past 1.6 GB before parsing got lean).
export const IMPORT_LIMITS: ImportLimits = {
  fileBytes: 11 * 1024 * 1024,
  personas: 10_000,
};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

export function fileTooLargeMessage(bytes: number, limits: ImportLimits = IMPORT_LIMITS): string {
  return `the file is ${bytes.toLocaleString('en')} bytes; at most ${limits.fileBytes.toLocaleString('en')} (${mib(limits.fileBytes)}) are imported at once: split it into several files`;
}

export function tooManyPersonasMessage(count: number, limits: ImportLimits = IMPORT_LIMITS): string {
  return `a file holds at most ${limits.personas.toLocaleString('en')} personas; this one has ${count.toLocaleString('en')}: split it into several files`;
}
