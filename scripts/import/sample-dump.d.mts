export type SampleOptions = { notifications?: number; users?: number; seed?: number };
export type DumpRecord = { model: string; pk: number; fields: Record<string, any> };
export declare function sampleRecords(options?: SampleOptions): Generator<DumpRecord>;
export declare function writeSampleDump(path: string, options?: SampleOptions, extraLines?: string[]): Promise<void>;
