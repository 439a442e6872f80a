export type DevServer = { base: string; state: string; pid: number; stop: () => void };
export declare function freePort(): Promise<number>;
export declare function startDevServer(options?: {
  before?: (state: string) => void | Promise<void>;
  quiet?: boolean;
  /** The server's JWT_SECRET, SERVICE_API_KEY, ...; the dev defaults unless given. */
  secrets?: Record<string, string>;
}): Promise<DevServer>;
