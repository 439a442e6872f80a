export declare const DEV_DEFAULTS: Readonly<{ JWT_SECRET: string; SERVICE_API_KEY: string }>;
export declare const DEV_VARS_FILE: string;
export declare function readDevVars(path?: string): Record<string, string> | null;
export declare function devSettings(): Record<string, string>;
export declare function writeEnvFile(path: string, settings: Record<string, string>): void;
