export const OUTPUTS: { document: string; types: string };
export function generate(): Promise<{ document: string; types: string }>;
export function stale(): Promise<string[]>;
