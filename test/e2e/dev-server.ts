export { type DevServer, freePort, startDevServer } from "../../scripts/dev-server.mjs";
