export type DevServer = { base: string; state: string; pid: number; stop: () => void };
export declare function freePort(): Promise<number>;
export declare function startDevServer(options?: {
  before?: (state: string) => void | Promise<void>;
  quiet?: boolean;
}): Promise<DevServer>;
