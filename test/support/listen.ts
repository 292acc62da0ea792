// A real HTTP server on a loopback port around an in-process app, for tests that need sockets and
// the event loop shared the way a deployed server shares them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Yoga } from '../../src/app.ts';

export interface Listening {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(yoga: Yoga): Promise<Listening> {
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
