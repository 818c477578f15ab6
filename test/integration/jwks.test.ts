import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signToken } from '../helpers/graphql-post.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Tokens verified against a JWKS endpoint (AUTH_JWKS_URL): RS256 and ES256 keys served by a
 * small local HTTP server, cached by the service, re-fetched when a token names an unknown kid
 * (rotation), and a kid that stays unknown is UNAUTHENTICATED. The writes asked for name an entity
 * that does not exist, so an accepted token shows as NOT_FOUND and nothing is written.
 */

const ISSUER = 'https://issuer.jwks.test';
const AUDIENCE = 'kg-api';
// An admin write that gets past authentication and authorization, then finds nothing to delete.
const DELETE = 'mutation { deleteEntity(key: "cur-jwks-none", expectedVersion: 1) { change { id } } }';
const codeOf = (body: Awaited<ReturnType<typeof post>>) => body.errors?.[0]?.extensions?.code;

type Alg = 'RS256' | 'ES256';

async function keyPair(alg: Alg, kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  const sign = (claims: Record<string, unknown> = {}, headerKid = kid) =>
    new SignJWT({ roles: ['admin'], iss: ISSUER, aud: AUDIENCE, ...claims })
      .setProtectedHeader({ alg, kid: headerKid })
      .setSubject('jwks-admin')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  return { jwk, sign };
}

describe('JWKS tokens (AUTH_JWKS_URL)', () => {
  const served: JWK[] = [];
  let fetches = 0;
  let jwksServer: Server;
  let api: SeededServer;
  let rsa: Awaited<ReturnType<typeof keyPair>>;
  let ec: Awaited<ReturnType<typeof keyPair>>;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([keyPair('RS256', 'rsa-1'), keyPair('ES256', 'ec-1')]);
    served.push(rsa.jwk, ec.jwk);
    jwksServer = createServer((_request, response) => {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: served }));
    });
    await new Promise<void>((done) => jwksServer.listen(0, '127.0.0.1', done));
    const { port } = jwksServer.address() as { port: number };
    api = await startSeededServer({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      // No wait between key-set fetches, so rotation is observable at once.
      AUTH_JWKS_COOLDOWN_MS: '0',
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
  });

  afterAll(async () => {
    await api.stop();
    await new Promise<void>((done) => jwksServer.close(() => done()));
  });

  it('accepts an RS256 token and an ES256 token, fetching the key set once', async () => {
    for (const token of [await rsa.sign(), await ec.sign()]) {
      const body = await post(api.url, DELETE, {}, token);
      expect(body.errors?.[0]?.message).toMatch(/cur-jwks-none/);
      expect(codeOf(body)).toBe('NOT_FOUND');
    }
    expect(fetches).toBe(1);
  });

  it('checks roles from a JWKS token as from any other: an editor may not delete', async () => {
    expect(codeOf(await post(api.url, DELETE, {}, await rsa.sign({ roles: ['editor'] })))).toBe('FORBIDDEN');
  });

  it.each([
    ['names an unknown kid', async () => rsa.sign({}, 'rsa-unknown'), /No known key matches/],
    ['is signed by another key under a known kid', async () => (await keyPair('RS256', 'rsa-1')).sign(), /signature/],
    ['is HS256, which a JWKS-only server does not accept', async () => signToken('x'.repeat(40), { roles: ['admin'] }), /algorithm/],
    ['is for another audience', async () => rsa.sign({ aud: 'other-api' }), /audience/],
    ['is from another issuer', async () => ec.sign({ iss: 'https://evil.test' }), /issuer/],
  ])('a token that %s is UNAUTHENTICATED', async (_label, make, message) => {
    const body = await post(api.url, DELETE, {}, await make());
    expect(codeOf(body)).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(message);
  });

  it('accepts a key rotated in after the set was cached: the unknown kid makes jose fetch again', async () => {
    const next = await keyPair('ES256', 'ec-2');
    const before = fetches;
    served.push(next.jwk);
    expect(codeOf(await post(api.url, DELETE, {}, await next.sign()))).toBe('NOT_FOUND');
    expect(fetches).toBe(before + 1);
    // The old keys still verify from the refreshed cache, without another fetch.
    expect(codeOf(await post(api.url, DELETE, {}, await rsa.sign()))).toBe('NOT_FOUND');
    expect(fetches).toBe(before + 1);
    // A key rotated out is refused once the set is fetched again.
    served.splice(served.indexOf(rsa.jwk), 1);
    expect(codeOf(await post(api.url, DELETE, {}, await ec.sign({}, 'ec-unknown')))).toBe('UNAUTHENTICATED');
    expect(codeOf(await post(api.url, DELETE, {}, await rsa.sign()))).toBe('UNAUTHENTICATED');
  });
});
