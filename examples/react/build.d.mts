/** Builds the example into `outdir` (default examples/react/dist) and resolves to it. */
export function buildExample(outdir?: string): Promise<string>;
