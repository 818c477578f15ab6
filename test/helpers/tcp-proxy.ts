import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../src/local-neo4j/process.js';

/**
 * A TCP proxy in front of Neo4j's Bolt port, so a test can take "Neo4j" away and bring it back
 * in milliseconds instead of stopping and booting a JVM. `cut()` drops every open connection
 * and stops listening (clients then see what they see when Neo4j dies: reset connections, then
 * refused ones); `restore()` listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  uri: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const listen = () =>
    new Promise<void>((done, fail) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => done());
    });

  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise((done) => closing.close(done));
  };

  await listen();
  return { port, uri: `bolt://127.0.0.1:${port}`, cut, restore: listen, close: cut };
}

/** Host and port of a `bolt://host:port` URI. */
export function boltTarget(uri: string): { host: string; port: number } {
  const url = new URL(uri.replace(/^[a-z0-9+]+:/, 'http:'));
  return { host: url.hostname, port: Number(url.port) };
}
