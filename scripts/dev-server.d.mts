export type DevServer = {
  base: string;
  port: number;
  state: string;
  pid: number;
  /** Resolves once the server has exited; `keepState` leaves its data for a restart. */
  stop: (options?: { keepState?: boolean }) => Promise<unknown>;
};
export declare function freePort(): Promise<number>;
export declare function startDevServer(options?: {
  before?: (state: string) => void | Promise<void>;
  quiet?: boolean;
  /** The server's JWT_SECRET, SERVICE_API_KEY, ...; the dev defaults unless given. */
  secrets?: Record<string, string>;
  /** A restart: the port and state directory of the server stopped with `keepState`. */
  port?: number;
  state?: string;
}): Promise<DevServer>;
